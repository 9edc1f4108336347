package io.acqsim.host;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.acqsim.message.Digits;

/** Retrieval reference numbers (12 digits), continuing after the ledger's highest; and auth codes. */
public final class RrnSequence {
    private final AtomicLong last;

    public RrnSequence(long lastIssued) {
        this.last = new AtomicLong(lastIssued);
    }

    public String next() {
        return Digits.fixed(last.incrementAndGet() % 1_000_000_000_000L, 12);
    }

    /** A six-digit authorisation code; never all zeros. */
    public static String authCode() {
        return Digits.fixed(ThreadLocalRandom.current().nextInt(1, 1_000_000), 6);
    }
}
