package io.acqsim.config;

import java.time.Duration;

/** Retry spacing for bank-link faults: first, then doubling per attempt, capped. */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        if (first.isNegative() || first.isZero()) throw new IllegalArgumentException("first retry must be positive");
        if (max.compareTo(first) < 0) throw new IllegalArgumentException("max retry must be at least the first");
    }

    /** The wait after the given failed attempt (1 = the first failure). */
    public Duration after(int failedAttempts) {
        Duration d = first;
        for (int i = 1; i < failedAttempts && d.compareTo(max) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(max) > 0 ? max : d;
    }
}
