package io.acqsim.message;

/**
 * Zero-padded decimal fields (STAN, amount, batch number) without {@link String#format}, which parses
 * its pattern on every call: terminals and the load generator build one of these per request.
 */
public final class Digits {
    private Digits() {
    }

    /**
     * {@code value} as exactly {@code width} digits, zero-padded on the left, as {@code String.format("%0<width>d")}
     * gives it for a value that fits; a negative value, or one with more than {@code width} digits, is refused.
     */
    public static String fixed(long value, int width) {
        if (value < 0) throw new IllegalArgumentException(value + " is negative");
        byte[] b = new byte[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            b[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        if (v != 0) throw new IllegalArgumentException(value + " has more than " + width + " digits");
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
