package io.acqsim.admin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: counts the wrong tokens each remote address presented in a row, and says
 * how long to hold back the answer to each. The first {@link Policy#free} in a row are answered at once
 * (a typo, a stale cookie); from then on the delay starts at {@link Policy#first} and doubles per failure
 * up to {@link Policy#max}. A right token from the address, or {@link Policy#forgetAfter} without a
 * failure, starts its count again. The delay is per address, not per connection, so opening more
 * connections does not buy more guesses. At most {@value #ADDRESSES} addresses are remembered; beyond,
 * the ones quiet for longest are forgotten first.
 */
final class FailedAttempts {
    static final int ADDRESSES = 10_000;

    /** How failures are slowed down. */
    record Policy(int free, Duration first, Duration max, Duration forgetAfter) {
        static final Policy DEFAULT = new Policy(3, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofMinutes(15));

        Policy {
            if (free < 0 || first.isNegative() || max.compareTo(first) < 0 || forgetAfter.isNegative()) {
                throw new IllegalArgumentException("bad policy: " + free + ", " + first + ", " + max + ", " + forgetAfter);
            }
        }

        /** The delay for the {@code n}th failure in a row (from 1). */
        Duration delay(int n) {
            if (n <= free) return Duration.ZERO;
            int doublings = Math.min(n - free - 1, 30);
            long millis = first.toMillis() << doublings;
            return millis >= max.toMillis() || millis < 0 ? max : Duration.ofMillis(millis);
        }
    }

    /** The address's failures in a row, and when the last was (nanoTime). */
    private record Streak(int failures, long lastNanos) {}

    private final Policy policy;
    private final LongSupplier nanoTime;
    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

    FailedAttempts(Policy policy) {
        this(policy, System::nanoTime);
    }

    FailedAttempts(Policy policy, LongSupplier nanoTime) {
        this.policy = policy;
        this.nanoTime = nanoTime;
    }

    /** Records a wrong token from {@code address} (an IP address as text); the failure's place in the streak and how long to hold its answer. */
    Failure failed(String address) {
        long now = nanoTime.getAsLong();
        Streak s = streaks.compute(address, (a, old) -> old == null || now - old.lastNanos() > policy.forgetAfter().toNanos()
                ? new Streak(1, now) : new Streak(old.failures() + 1, now));
        if (streaks.size() > ADDRESSES) forgetQuietest();
        return new Failure(s.failures(), policy.delay(s.failures()));
    }

    /** A right token from {@code address}: its streak ends. */
    void succeeded(String address) {
        streaks.remove(address);
    }

    /** A wrong token's place in its address's streak (from 1) and the delay of its answer. */
    record Failure(int inARow, Duration delay) {}

    private void forgetQuietest() {
        long now = nanoTime.getAsLong();
        streaks.entrySet().removeIf(e -> now - e.getValue().lastNanos() > policy.forgetAfter().toNanos());
        while (streaks.size() > ADDRESSES) {
            streaks.entrySet().stream().min(java.util.Comparator.comparingLong(e -> e.getValue().lastNanos()))
                    .ifPresent(e -> streaks.remove(e.getKey(), e.getValue()));
        }
    }
}
