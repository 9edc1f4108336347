package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The slowdown of wrong admin tokens, per address, on a clock the test moves. */
class FailedAttemptsTest {
    private final AtomicLong now = new AtomicLong();
    private final FailedAttempts attempts = new FailedAttempts(FailedAttempts.Policy.DEFAULT, now::get);

    private List<Long> delays(String address, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(attempts.failed(address).delay().toMillis());
        return out;
    }

    @Test
    void threeFreeThenDoublingFrom250MsUpTo4s() {
        assertEquals(List.of(0L, 0L, 0L, 250L, 500L, 1000L, 2000L, 4000L, 4000L, 4000L), delays("192.0.2.7", 10));
    }

    @Test
    void aRightTokenEndsTheStreak() {
        delays("192.0.2.7", 5);
        attempts.succeeded("192.0.2.7");
        FailedAttempts.Failure f = attempts.failed("192.0.2.7");
        assertEquals(1, f.inARow());
        assertEquals(Duration.ZERO, f.delay());
    }

    @Test
    void eachAddressHasItsOwnStreak() {
        delays("192.0.2.7", 6);
        assertEquals(List.of(0L, 0L, 0L, 250L), delays("198.51.100.9", 4), "another address starts from nothing");
        assertEquals(2000L, attempts.failed("192.0.2.7").delay().toMillis(), "the first address's streak went on");
    }

    @Test
    void aStreakIsForgottenAfterFifteenQuietMinutes() {
        delays("192.0.2.7", 6);
        now.addAndGet(Duration.ofMinutes(14).toNanos());
        assertEquals(7, attempts.failed("192.0.2.7").inARow(), "14 minutes: still the same streak");
        now.addAndGet(Duration.ofMinutes(16).toNanos());
        assertEquals(1, attempts.failed("192.0.2.7").inARow(), "16 quiet minutes: a new streak");
    }

    @Test
    void atMostTenThousandAddressesAreRememberedTheQuietestGoFirst() {
        delays("192.0.2.1", 8);
        for (int i = 0; i < FailedAttempts.ADDRESSES; i++) {
            now.incrementAndGet();
            attempts.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertEquals(1, attempts.failed("192.0.2.1").inARow(), "the oldest address was forgotten to make room");
        assertTrue(attempts.failed("10.0.39.15").inARow() >= 2, "a recent one is still counted");
    }

    @Test
    void aBadPolicyIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FailedAttempts.Policy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }
}
