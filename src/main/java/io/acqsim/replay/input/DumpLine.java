package io.acqsim.replay.input;

import java.util.Arrays;

/**
 * One line of jPOS's {@code ISOUtil.hexdump}: {@code 0010  31 32 33 34 35 36 37 38  39 30 41 42 43 44 45 46  1234567890ABCDEF}.
 * The bytes are the two-digit tokens after the offset, separated by one or two spaces (two after the
 * eighth); hexdump pads a short last line so that three or more spaces come before its ASCII column, and
 * a full line has sixteen bytes, so the ASCII column is never taken for bytes.
 */
record DumpLine(long offset, byte[] bytes) {
    private static final int PER_LINE = 16;

    /** Whether {@code t} looks like the first line of a dump: offset 0 (4 or 8 digits), spaces, a two-digit byte. */
    static boolean startsDump(String t) {
        int digits = offsetDigits(t);
        if (digits == 0 || !t.substring(0, digits).chars().allMatch(c -> c == '0')) return false;
        int i = digits;
        while (i < t.length() && t.charAt(i) == ' ') i++;
        return i > digits && i + 2 <= t.length() && hex(t.charAt(i)) >= 0 && hex(t.charAt(i + 1)) >= 0
                && (i + 2 == t.length() || t.charAt(i + 2) == ' ');
    }

    /** The offset and bytes of {@code t}, or null when it is not a dump line. */
    static DumpLine parse(String t) {
        int digits = offsetDigits(t);
        if (digits == 0) return null;
        long offset = Long.parseLong(t.substring(0, digits), 16);
        byte[] bytes = new byte[PER_LINE];
        int count = 0;
        int i = spaces(t, digits);
        while (count < PER_LINE && i < t.length()) {
            if (i + 2 > t.length()) return null;
            int hi = hex(t.charAt(i));
            int lo = hex(t.charAt(i + 1));
            if (hi < 0 || lo < 0 || i + 2 < t.length() && t.charAt(i + 2) != ' ') return null;
            bytes[count++] = (byte) (hi << 4 | lo);
            int next = spaces(t, i + 2);
            if (next - (i + 2) >= 3) break;
            i = next;
        }
        return count == 0 ? null : new DumpLine(offset, Arrays.copyOf(bytes, count));
    }

    private static int spaces(String t, int i) {
        while (i < t.length() && t.charAt(i) == ' ') i++;
        return i;
    }

    /** 4 or 8 when {@code t} starts with that many hex digits followed by a space, else 0. */
    private static int offsetDigits(String t) {
        int n = 0;
        while (n < t.length() && hex(t.charAt(n)) >= 0) n++;
        return (n == 4 || n == 8) && n < t.length() && t.charAt(n) == ' ' ? n : 0;
    }

    private static int hex(char c) {
        return HexDigits.value(c);
    }
}
