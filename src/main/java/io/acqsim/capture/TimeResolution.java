package io.acqsim.capture;

import java.time.Instant;

/** The timestamp resolution a writer records. */
public enum TimeResolution {
    MICROSECONDS(6, 1_000_000L),
    NANOSECONDS(9, 1_000_000_000L);

    private final int exponent;
    private final long perSecond;

    TimeResolution(int exponent, long perSecond) {
        this.exponent = exponent;
        this.perSecond = perSecond;
    }

    /** The pcapng {@code if_tsresol} value: 10^-exponent seconds. */
    int exponent() {
        return exponent;
    }

    /** {@code at} in units since the epoch. */
    long units(Instant at) {
        return at.getEpochSecond() * perSecond + at.getNano() / (1_000_000_000L / perSecond);
    }

    /** The fraction of {@code at}'s second, in units. */
    long fraction(Instant at) {
        return at.getNano() / (1_000_000_000L / perSecond);
    }
}
