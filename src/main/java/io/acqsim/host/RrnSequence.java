package io.acqsim.host;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Retrieval reference numbers (12 digits), continuing after the ledger's highest; and auth codes. */
public final class RrnSequence {
    private final AtomicLong last;

    public RrnSequence(long lastIssued) {
        this.last = new AtomicLong(lastIssued);
    }

    public String next() {
        return String.format("%012d", last.incrementAndGet() % 1_000_000_000_000L);
    }

    /** A six-digit authorisation code; never all zeros. */
    public static String authCode() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(1, 1_000_000));
    }
}
