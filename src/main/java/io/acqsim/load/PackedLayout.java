package io.acqsim.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOBitMapPackager;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOField;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOPackager;

/**
 * How one profile's packager (cfg/packagers/&lt;profile&gt;.xml, read by jPOS) lays out each field in packed
 * bytes, learned from the packager itself when the run starts, so the generator can patch its requests and
 * read its answers in place instead of packing and unpacking whole messages. Nothing about the layout is
 * written here: every field's packager packs probe values of each length it accepts, and what comes out
 * says
 * <ul>
 *   <li>whether the field is fixed-width (every probe packs to the same number of bytes: that number), or
 *       variable, and then which leading bytes (the length prefix, however the packager encodes it) tell
 *       how many bytes the field takes;</li>
 *   <li>for a fixed-width field, whether the packager writes digits as ASCII or as BCD (right- or
 *       left-aligned), checked against two probe values, so that a number can be written straight into a
 *       packed request.</li>
 * </ul>
 * A field whose packager refuses the probes, or packs them some other way, is unknown: an answer that
 * carries one is unpacked by jPOS as a whole (the caller's slow path). Immutable and thread-safe: one per
 * run, shared by all terminals.
 */
final class PackedLayout {
    /** A field whose packed width is not known (no packager for it, or its probes failed). */
    static final int UNKNOWN = -1;
    /** A field whose packed width depends on its value (see {@link #packedLength}). */
    static final int VARIABLE = -2;
    static final int MAX_FIELD = 128;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }

    /** How a fixed-width numeric field carries its digits. */
    enum Digits {
        ASCII, BCD_RIGHT, BCD_LEFT
    }

    private final ISOBasePackager packager;
    private final ISOBitMapPackager bitmap;
    /** The packed width of a fixed-width field, else {@link #VARIABLE} or {@link #UNKNOWN}. */
    private final int[] width = new int[MAX_FIELD + 1];
    /** For a variable field: how many leading bytes tell its packed width. */
    private final int[] keyBytes = new int[MAX_FIELD + 1];
    /** For a variable field: the leading bytes seen in the probes (big-endian int), sorted. */
    private final int[][] keys = new int[MAX_FIELD + 1][];
    /** For a variable field: the packed width that goes with each of {@link #keys}. */
    private final int[][] widths = new int[MAX_FIELD + 1][];
    private final Digits[] digits = new Digits[MAX_FIELD + 1];

    private PackedLayout(ISOBasePackager packager, ISOBitMapPackager bitmap) {
        this.packager = packager;
        this.bitmap = bitmap;
    }

    /** The layout of {@code packager}, or null when it is not a field-by-field jPOS packager with MTI and bitmap (fields 0 and 1). */
    static PackedLayout of(ISOPackager packager) {
        if (!(packager instanceof ISOBasePackager base) || !(base.getFieldPackager(1) instanceof ISOBitMapPackager bitmap)) return null;
        PackedLayout l = new PackedLayout(base, bitmap);
        Arrays.fill(l.width, UNKNOWN);
        for (int f = 0; f <= MAX_FIELD; f++) {
            if (f != 1) l.learn(f);
        }
        return l.width[0] > 0 ? l : null;
    }

    ISOBasePackager packager() { return packager; }

    ISOBitMapPackager bitmap() { return bitmap; }

    /** The field's packed width when fixed, else {@link #VARIABLE} or {@link #UNKNOWN}. */
    int width(int field) {
        return field < 0 || field > MAX_FIELD ? UNKNOWN : width[field];
    }

    /** How a fixed-width numeric field writes its digits, or null when not known. */
    Digits digits(int field) {
        return digits[field];
    }

    /**
     * The bytes field {@code field} takes when it starts at {@code offset} of {@code b} ({@code end} is the end of
     * the message), or -1 when that cannot be told here (unknown field, a length prefix no probe had, or past the end).
     */
    int packedLength(int field, byte[] b, int offset, int end) {
        int w = width(field);
        if (w >= 0) return offset + w <= end ? w : -1;
        if (w == UNKNOWN) return -1;
        int k = keyBytes[field];
        if (offset + k > end) return -1;
        int i = Arrays.binarySearch(keys[field], key(b, offset, k));
        if (i < 0) return -1;
        int n = widths[field][i];
        return offset + n <= end ? n : -1;
    }

    /** Packs one field with the packager's own field packager. */
    byte[] pack(int field, String value) throws ISOException {
        return packager.getFieldPackager(field).pack(new ISOField(field, value));
    }

    /** The value of a string field that starts at {@code offset} of {@code b}, unpacked by the packager's field packager. */
    String unpack(int field, byte[] b, int offset) throws ISOException {
        ISOComponent c = packager.getFieldPackager(field).createComponent(field);
        packager.getFieldPackager(field).unpack(c, b, offset);
        return c.getValue() instanceof String s ? s : null;
    }

    /**
     * Writes {@code value} as the digits of the fixed-width numeric field {@code field} at {@code offset} of
     * {@code b}; false (nothing written) when the field's digit layout is not known or the value does not fit.
     */
    boolean writeDigits(int field, long value, byte[] b, int offset) {
        Digits d = digits[field];
        if (d == null || value < 0) return false;
        int n = packager.getFieldPackager(field).getLength();
        if (n < 19 && value >= POWERS_OF_TEN[n]) return false;
        long v = value;
        switch (d) {
            case ASCII -> {
                for (int i = n - 1; i >= 0; i--) {
                    b[offset + i] = (byte) ('0' + (int) (v % 10));
                    v /= 10;
                }
            }
            case BCD_RIGHT, BCD_LEFT -> {
                // digit i of n (0 = most significant) sits in nibble i + shift of the packed bytes
                int shift = d == Digits.BCD_RIGHT ? n & 1 : 0;
                int bytes = (n + 1) / 2;
                Arrays.fill(b, offset, offset + bytes, (byte) 0);
                for (int i = n - 1; i >= 0; i--) {
                    int nibble = i + shift;
                    int digit = (int) (v % 10);
                    v /= 10;
                    b[offset + nibble / 2] |= (byte) ((nibble & 1) == 0 ? digit << 4 : digit);
                }
            }
        }
        return true;
    }

    private static int key(byte[] b, int offset, int k) {
        int key = 0;
        for (int i = 0; i < k; i++) key = (key << 8) | (b[offset + i] & 0xFF);
        return key;
    }

    /** Probes field {@code f}'s packager with values of every length it takes. */
    private void learn(int f) {
        ISOFieldPackager fp = packager.getFieldPackager(f);
        if (fp == null) return;
        int max = fp.getLength();
        Map<Integer, byte[]> packed = new TreeMap<>();
        for (int n = 0; n <= max; n++) {
            byte[] p = probe(fp, f, n);
            if (p != null) packed.put(n, p);
        }
        if (packed.isEmpty()) return;
        int first = packed.values().iterator().next().length;
        if (packed.values().stream().allMatch(p -> p.length == first)) {
            width[f] = first;
            digits[f] = digitsOf(fp, f, max, first);
            return;
        }
        int shortest = packed.values().stream().mapToInt(p -> p.length).min().orElse(0);
        for (int k = 1; k <= Math.min(3, shortest); k++) {
            Map<Integer, Integer> byKey = new HashMap<>();
            boolean function = true;
            for (byte[] p : packed.values()) {
                Integer before = byKey.putIfAbsent(key(p, 0, k), p.length);
                if (before != null && before != p.length) {
                    function = false;
                    break;
                }
            }
            if (function) {
                int[] ks = byKey.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
                int[] ws = new int[ks.length];
                for (int i = 0; i < ks.length; i++) ws[i] = byKey.get(ks[i]);
                width[f] = VARIABLE;
                keyBytes[f] = k;
                keys[f] = ks;
                widths[f] = ws;
                return;
            }
        }
    }

    /** Field {@code f} packed with a value of {@code n} ones (bytes 0x11 for a binary field), or null when the packager refuses it. */
    private static byte[] probe(ISOFieldPackager fp, int f, int n) {
        try {
            ISOComponent c = fp.createComponent(f);
            if (c instanceof ISOBinaryField) {
                byte[] v = new byte[n];
                Arrays.fill(v, (byte) 0x11);
                c.setValue(v);
            } else {
                c.setValue("1".repeat(n));
            }
            return fp.pack(c);
        } catch (ISOException | RuntimeException e) {
            return null;
        }
    }

    /** How the fixed-width field {@code f} of {@code n} characters and {@code w} packed bytes writes digits, checked with two values; null if neither way. */
    private static Digits digitsOf(ISOFieldPackager fp, int f, int n, int w) {
        if (n < 1 || n > 18) return null;
        String a = "123456789012345678".substring(0, n);
        String b = "987654321098765432".substring(0, n);
        for (Digits d : Digits.values()) {
            try {
                if (Arrays.equals(fp.pack(new ISOField(f, a)), encode(d, a, w)) && Arrays.equals(fp.pack(new ISOField(f, b)), encode(d, b, w))) return d;
            } catch (ISOException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code digits} written the {@code d} way in {@code w} bytes, or null when that way does not take w bytes. */
    private static byte[] encode(Digits d, String digits, int w) {
        int n = digits.length();
        if (d == Digits.ASCII) return w == n ? digits.getBytes(StandardCharsets.US_ASCII) : null;
        if (w != (n + 1) / 2) return null;
        byte[] out = new byte[w];
        int shift = d == Digits.BCD_RIGHT ? n & 1 : 0;
        for (int i = 0; i < n; i++) {
            int nibble = i + shift;
            int digit = digits.charAt(i) - '0';
            out[nibble / 2] |= (byte) ((nibble & 1) == 0 ? digit << 4 : digit);
        }
        return out;
    }
}
