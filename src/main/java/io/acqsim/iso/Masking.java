package io.acqsim.iso;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOPackager;

/**
 * Masks card data for logs and storage: a PAN keeps its first 6 and last 4 digits; raw frames that
 * could not be parsed have every run of digits long enough to be a PAN or track 2 masked the same way,
 * in ASCII and in packed BCD, because nobody knows where the fields are in such a frame. Given the
 * packager, a refused frame's fields that could be read are located: PIN block (52), chip data (55),
 * keys (62) and MAC (64, 128) are wiped, and when such a field lies in the part that could not be read,
 * that whole part is wiped.
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

    /** Fields never shown in a log, not even in part: PIN block, ICC data, working keys, MACs. */
    private static final Set<Integer> WIPED = Set.of(52, 55, 62, 64, 128);
    private static final byte WIPE = (byte) 0xEE;

    /**
     * As {@link #rawFrame(byte[])}, for a frame {@code packager} could not unpack: the fields it can read
     * one by one are located, those in {@link #WIPED} are overwritten, and when the bitmap shows such a
     * field in the part that cannot be read, everything from there on is overwritten. Wiped bytes show as EE.
     */
    public static String rawFrame(byte[] raw, ISOPackager packager) {
        byte[] copy = raw.clone();
        if (packager instanceof ISOBasePackager p) wipeSecretFields(copy, p);
        maskAsciiRuns(copy);
        maskBcdRuns(copy);
        return HexFormat.of().formatHex(copy);
    }

    private static void wipeSecretFields(byte[] b, ISOBasePackager p) {
        int at = 0;
        BitSet present = null;
        int field = 0;
        try {
            ISOFieldPackager mti = p.getFieldPackager(0);
            at += mti.unpack(mti.createComponent(0), b, at);
            ISOFieldPackager bitmap = p.getFieldPackager(1);
            ISOComponent bits = new ISOBitMap(-1);
            at += bitmap.unpack(bits, b, at);
            present = (BitSet) bits.getValue();
            for (field = 2; field <= present.length(); field++) {
                if (!present.get(field) || field == 65) continue;
                ISOFieldPackager f = p.getFieldPackager(field);
                if (f == null) break;
                int start = at;
                at += f.unpack(f.createComponent(field), b, at);
                if (WIPED.contains(field)) Arrays.fill(b, start, Math.min(at, b.length), WIPE);
            }
            return;
        } catch (ISOException | RuntimeException unreadable) {
            // the rest of the frame is not laid out as the packager says: judged by the bitmap below
        }
        if (present == null) return;
        for (int f = Math.max(field, 2); f <= present.length(); f++) {
            if (present.get(f) && WIPED.contains(f)) {
                Arrays.fill(b, Math.min(at, b.length), b.length, WIPE);
                return;
            }
        }
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
