package io.acqsim.replay;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jpos.iso.ISOMsg;

/**
 * Stands in for card data a log masked. A masked PAN ({@code 622202______0123}, masked with {@code _} by
 * jPOS's ProtectedLogListener, {@code *} or {@code X} by other tools) becomes a Luhn-valid test PAN with the
 * same BIN (first 6), the same last four and the same length; the digits between are drawn from the
 * masked value itself, so the same masked value gets the same test PAN every time it appears in a run,
 * and voids, refunds and reversals still name the card of their original. Track 2 and track 1 get the
 * same test PAN; their masked tails (expiry, service code, discretionary data) become the request's
 * expiry (field 14, else 4912), service code 101 and zeros. Unmasked values pass unchanged.
 * <p>
 * Two masked PANs that differ only in masked digits are indistinguishable and get one test PAN: the log
 * no longer knows they were two cards.
 */
public final class TestCards {
    private static final int REMEMBERED = 100_000;

    private final Map<String, String> pans = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
            return size() > REMEMBERED;
        }
    };

    /**
     * Replaces masked card data in fields 2, 35 and 45 of {@code m}, and in the rows of a cup batch upload
     * (field 48); returns how many fields it replaced.
     */
    public synchronized int unmask(ISOMsg m) {
        int n = 0;
        String rows = m.getString(48);
        if (isMaskedUploadRows(rows)) {
            m.set(48, uploadRows(rows));
            n++;
        }
        String pan = m.getString(2);
        if (isMasked(pan)) {
            m.set(2, pan(pan));
            n++;
        }
        String track2 = m.getString(35);
        if (isMasked(track2)) {
            m.set(35, track2(track2, m.getString(14)));
            n++;
        }
        String track1 = m.getString(45);
        if (isMasked(track1)) {
            m.set(45, track1(track1, m.getString(14)));
            n++;
        }
        return n;
    }

    /**
     * Field 48 of a cup 0320 as the message log writes it (io.acqsim.logging.UploadRowsMasking): a 2-digit
     * count, then 40-character rows — 2 reserved, STAN n6, PAN n20 zero-padded, amount n12 — with the PANs
     * masked and everything else digits.
     */
    static boolean isMaskedUploadRows(String v) {
        if (v == null || v.length() < 42 || (v.length() - 2) % 40 != 0 || !isMasked(v)) return false;
        for (int i = 0; i < v.length(); i++) {
            int inRow = (i - 2) % 40;
            boolean pan = i >= 2 && inRow >= 8 && inRow < 28;
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(pan && isMasked(String.valueOf(c)))) return false;
        }
        return true;
    }

    /** Each masked row PAN replaced by its test PAN, zero-padded to 20 digits again. */
    private String uploadRows(String v) {
        StringBuilder sb = new StringBuilder(v);
        for (int row = 2; row + 40 <= v.length(); row += 40) {
            String padded = v.substring(row + 8, row + 28);
            if (!isMasked(padded)) continue;
            String masked = padded.replaceFirst("^0+", "");
            String pan = pan(masked);
            if (pan.length() > 20) pan = pan.substring(pan.length() - 20);
            sb.replace(row + 8, row + 28, "0".repeat(20 - pan.length()) + pan);
        }
        return sb.toString();
    }

    static boolean isMasked(String v) {
        if (v == null) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '_' || c == '*' || c == 'X' || c == 'x' || c == '#') return true;
        }
        return false;
    }

    /** The test PAN standing in for a masked PAN; at least 12 digits, Luhn-valid. */
    public synchronized String pan(String masked) {
        return pans.computeIfAbsent(masked, TestCards::newPan);
    }

    private static String newPan(String masked) {
        String kept = masked.length() >= 12 ? masked : masked + "0".repeat(12 - masked.length());
        char[] d = kept.toCharArray();
        long h = seed(masked);
        for (int i = 0; i < d.length; i++) {
            if (d[i] < '0' || d[i] > '9') {
                h = h * 6364136223846793005L + 1442695040888963407L;
                d[i] = (char) ('0' + (int) Long.remainderUnsigned(h >>> 33, 10));
            }
        }
        // position length-5 is not doubled by Luhn (the check digit is the last): setting it fixes the sum
        int fix = d.length - 5;
        d[fix] = '0';
        int sum = luhnSum(d);
        d[fix] = (char) ('0' + (10 - sum % 10) % 10);
        return new String(d);
    }

    private static long seed(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
        return h;
    }

    static int luhnSum(char[] d) {
        int sum = 0;
        for (int i = d.length - 1, k = 0; i >= 0; i--, k++) {
            int v = d[i] - '0';
            if (k % 2 == 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
            sum += v;
        }
        return sum;
    }

    public static boolean luhnValid(String pan) {
        return pan.chars().allMatch(Character::isDigit) && luhnSum(pan.toCharArray()) % 10 == 0;
    }

    private String track2(String masked, String expiry) {
        int sep = separator(masked, "=D");
        if (sep < 0) {
            // jPOS masks a track 2 whose separator is 'D' (packed BCD) as one run, so the PAN's length and last
            // four are gone: a 16-digit test PAN with the BIN and the track's last four stands in
            String bin = masked.length() >= 10 ? masked.substring(0, 6) : "000000";
            String last = masked.length() >= 10 ? masked.substring(masked.length() - 4) : "0000";
            return pan(bin + "______" + last) + "D" + tail(expiry, 0);
        }
        String tail = masked.substring(sep + 1);
        return pan(masked.substring(0, sep)) + masked.charAt(sep) + (isMasked(tail) ? tail(expiry, tail.length()) : tail);
    }

    private String track1(String masked, String expiry) {
        int first = masked.indexOf('^');
        int second = first < 0 ? -1 : masked.indexOf('^', first + 1);
        if (first < 0 || second < 0) return masked.replaceAll("[_*Xx#]", "0");
        String lead = masked.startsWith("B") ? "B" : "";
        String pan = pan(masked.substring(lead.length(), first));
        String name = masked.substring(first + 1, second).replaceAll("[_*Xx#]", "X");
        String rest = masked.substring(second + 1);
        return lead + pan + "^" + name + "^" + (isMasked(rest) ? tail(expiry, rest.length()) : rest);
    }

    private static int separator(String s, String seps) {
        for (int i = 6; i < s.length(); i++) if (seps.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    /** Expiry YYMM, service code 101, then zeros up to {@code length} (at least the seven digits). */
    private static String tail(String expiry, int length) {
        String yymm = expiry != null && expiry.matches("\\d{4}") ? expiry : "4912";
        String t = yymm + "101";
        return length > t.length() ? t + "0".repeat(length - t.length()) : t;
    }
}
