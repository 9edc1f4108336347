package io.acqsim.iso;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks card data for logs and storage: a PAN keeps its first 6 and last 4 digits; raw frames that
 * could not be parsed have every run of digits long enough to be a PAN or track 2 masked the same way,
 * in ASCII and in packed BCD, because nobody knows where the fields are in such a frame.
 */
public final class Masking {
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{12,}");
    private static final Pattern PAN_RUN = Pattern.compile("(?<![0-9])[0-9]{13,19}(?![0-9])");
    private static final int MIN_BCD_RUN = 6;

    private Masking() {
    }

    /** First 6 and last 4 digits kept; null stays null; anything shorter than 11 is masked entirely. */
    public static String pan(String pan) {
        if (pan == null) return null;
        String digits = pan.split("[=D]", 2)[0];
        if (digits.length() < 11) return "*".repeat(digits.length());
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
    }

    /**
     * {@code text} with every run of 13 to 19 digits — as long as a PAN — masked like one: for messages
     * about records that could not be read, which may quote a value.
     */
    public static String panLike(String text) {
        if (text == null) return null;
        Matcher m = PAN_RUN.matcher(text);
        if (!m.find()) return text;
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        do {
            sb.append(text, last, m.start()).append(pan(m.group()));
            last = m.end();
        } while (m.find());
        return sb.append(text, last, text.length()).toString();
    }

    /** A hex dump of {@code raw} with PAN-like digit runs masked, for logging frames we refused. */
    public static String rawFrame(byte[] raw) {
        byte[] copy = raw.clone();
        maskAsciiRuns(copy);
        maskBcdRuns(copy);
        return HexFormat.of().formatHex(copy);
    }

    private static void maskAsciiRuns(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher m = ASCII_DIGITS.matcher(s);
        while (m.find()) {
            for (int i = m.start() + 6; i < m.end() - 4; i++) b[i] = '*';
        }
    }

    /** Runs of bytes whose two nibbles are both decimal digits: packed BCD numbers such as a PAN. */
    private static void maskBcdRuns(byte[] b) {
        int start = -1;
        for (int i = 0; i <= b.length; i++) {
            boolean bcd = i < b.length && (b[i] & 0xF0) <= 0x90 && (b[i] & 0x0F) <= 0x09;
            if (bcd && start < 0) start = i;
            if (!bcd && start >= 0) {
                if (i - start >= MIN_BCD_RUN) {
                    for (int j = start + 3; j < i - 2; j++) b[j] = (byte) 0xFF;
                }
                start = -1;
            }
        }
    }
}
