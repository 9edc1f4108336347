package io.acqsim.capture;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Timestamps counted in units of a pcapng interface's resolution ({@code if_tsresol}): 10^-n seconds, or
 * 2^-n seconds when the option's high bit is set.
 */
record Timestamps(boolean binary, int exponent) {
    static final Timestamps MICROS = new Timestamps(false, 6);
    private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    /** The resolution an {@code if_tsresol} byte gives, or null when it is beyond what a 64-bit count can use. */
    static Timestamps ofOption(int value) {
        boolean binary = (value & 0x80) != 0;
        int e = value & 0x7F;
        if (binary ? e > 63 : e > 19) return null;
        return new Timestamps(binary, e);
    }

    /**
     * The instant {@code units} (an unsigned 64-bit count) after the epoch, plus {@code offsetSeconds}.
     *
     * @throws DateTimeException when that is beyond the instants Java can hold (year 1,000,000,000): a
     *                           corrupt timestamp or offset
     */
    Instant instant(long units, long offsetSeconds) {
        try {
            if (!binary && exponent <= 9) {
                long per = POWERS[exponent];
                long seconds = Long.divideUnsigned(units, per);
                long rest = Long.remainderUnsigned(units, per);
                return Instant.ofEpochSecond(Math.addExact(seconds, offsetSeconds), rest * POWERS[9 - exponent]);
            }
            BigInteger u = new BigInteger(Long.toUnsignedString(units));
            BigInteger per = binary ? BigInteger.ONE.shiftLeft(exponent) : BigInteger.TEN.pow(exponent);
            BigInteger[] qr = u.divideAndRemainder(per);
            return Instant.ofEpochSecond(Math.addExact(qr[0].longValueExact(), offsetSeconds), qr[1].multiply(BILLION).divide(per).longValue());
        } catch (ArithmeticException e) {
            throw new DateTimeException("a timestamp beyond the range of instants");
        }
    }

    /** As a user reads it in a problem: "units of 10^-6 s". */
    @Override
    public String toString() {
        return (binary ? "2^-" : "10^-") + exponent + " s";
    }
}
