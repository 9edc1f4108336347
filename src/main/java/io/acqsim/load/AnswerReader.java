package io.acqsim.load;

import java.util.Arrays;
import java.util.BitSet;

import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupHeader;
import io.acqsim.terminal.protocol.TerminalProtocol;

/**
 * Reads what the generator needs of an answer straight from its packed bytes: whether it answers the
 * request ({@link TerminalProtocol#matches}'s rule: the response MTI, field 11
 * and field 3 echoed, field 41 the terminal's when present; and field 39 present), its field 39, its RRN
 * when asked, and the cup header's processing requirement. The bitmap is read by the packager's bitmap
 * field packager; the other fields are stepped over with the {@link PackedLayout} and compared as packed
 * bytes with the request's. An answer the layout cannot step through (a field it does not know, a
 * secondary bitmap, a length prefix no probe had) is unpacked by jPOS and judged by the same rule, so
 * the result never depends on which way was taken. Not thread-safe: one terminal's.
 */
final class AnswerReader {
    private static final int RC = 39;
    private static final int RRN = 37;

    private final PackedLayout layout;
    private final int headerLength;
    private final int[] at = new int[65];
    private final int[] width = new int[65];
    /** The last field 39 read: its packed bytes as an int, and its value (answers mostly repeat their code). */
    private int lastCodeKey = -1;
    private String lastCode;

    private String responseCode;
    private String rrn;
    private int processingRequirement;
    private boolean fastPath;

    AnswerReader(PackedLayout layout, int headerLength) {
        this.layout = layout;
        this.headerLength = headerLength;
    }

    /**
     * Reads the answer in {@code b[0..n)} (header, then the packed message) to request {@code t}; true when it
     * answers t and carries field 39. Afterwards {@link #responseCode}, {@link #rrn} (when {@code wantRrn})
     * and {@link #processingRequirement} hold its values.
     */
    boolean read(byte[] b, int n, RequestTemplate t, boolean wantRrn) throws ISOException {
        responseCode = null;
        rrn = null;
        processingRequirement = headerLength == CupHeader.LENGTH && n >= headerLength ? CupHeader.processingRequirement(b, 0) : CupHeader.NONE;
        if (n < headerLength) throw new ISOException("a frame of " + n + " bytes is shorter than the " + headerLength + "-byte header");
        fastPath = locate(b, headerLength, n);
        if (!fastPath) return readUnpacked(b, n, t, wantRrn);
        if (t.responseMti() == null || !same(b, at[0], width[0], t.responseMti(), 0, t.responseMti().length)) return false;
        if (!echoes(b, t, 11) || at[RC] < 0) return false;
        if (t.at(3) >= 0 && !echoes(b, t, 3)) return false;
        if (at[41] >= 0 && !echoes(b, t, 41)) return false;
        responseCode = code(b, at[RC], width[RC]);
        if (wantRrn && at[RRN] >= 0) rrn = layout.unpack(RRN, b, at[RRN]);
        return true;
    }

    String responseCode() { return responseCode; }

    /** Field 37 of the last answer read, when asked for and present; else null. */
    String rrn() { return rrn; }

    int processingRequirement() { return processingRequirement; }

    /** Whether the last answer was read from its bytes (false: jPOS unpacked it). */
    boolean fastPath() { return fastPath; }

    /** Fills {@link #at} and {@link #width} for the message at {@code b[start..end)}; false when the layout cannot step through it. */
    private boolean locate(byte[] b, int start, int end) throws ISOException {
        Arrays.fill(at, -1);
        int w0 = layout.width(0);
        if (w0 < 0 || start + w0 > end) return false;
        at[0] = start;
        width[0] = w0;
        ISOBitMap bm = new ISOBitMap(-1);
        int offset = start + w0 + layout.bitmap().unpack(bm, b, start + w0);
        BitSet bits = (BitSet) bm.getValue();
        if (bits.get(1) || bits.length() > 65) return false;
        for (int f = bits.nextSetBit(2); f >= 0; f = bits.nextSetBit(f + 1)) {
            int w = layout.packedLength(f, b, offset, end);
            if (w < 0) return false;
            at[f] = offset;
            width[f] = w;
            offset += w;
        }
        return offset == end;
    }

    private boolean echoes(byte[] b, RequestTemplate t, int field) {
        return at[field] >= 0 && t.at(field) >= 0 && same(b, at[field], width[field], t.frame(), t.at(field), t.width(field));
    }

    private static boolean same(byte[] a, int aAt, int aWidth, byte[] b, int bAt, int bWidth) {
        return aWidth == bWidth && Arrays.equals(a, aAt, aAt + aWidth, b, bAt, bAt + bWidth);
    }

    /** Field 39 at {@code offset}: the last value again when the bytes are the same, else unpacked. */
    private String code(byte[] b, int offset, int w) throws ISOException {
        if (w > 3) return layout.unpack(RC, b, offset);
        int key = 1;
        for (int i = 0; i < w; i++) key = (key << 8) | (b[offset + i] & 0xFF);
        if (key != lastCodeKey) {
            lastCode = layout.unpack(RC, b, offset);
            lastCodeKey = key;
        }
        return lastCode;
    }

    /** The slow path: the whole answer unpacked by jPOS, judged by the same rule against the request as sent. */
    private boolean readUnpacked(byte[] b, int n, RequestTemplate t, boolean wantRrn) throws ISOException {
        ISOMsg r = new ISOMsg();
        r.setPackager(layout.packager());
        if (headerLength > 0) r.setHeader(Arrays.copyOfRange(b, 0, headerLength));
        r.unpack(Arrays.copyOfRange(b, headerLength, n));
        if (!TerminalProtocol.matches(t.message(), r) || !r.hasField(RC)) return false;
        responseCode = r.getString(RC);
        if (wantRrn) rrn = r.getString(RRN);
        return true;
    }

    /** Why the answer in {@code b[0..n)} is not taken as the answer to {@code t}, for the error report. */
    String mismatch(byte[] b, int n, RequestTemplate t) {
        try {
            ISOMsg r = new ISOMsg();
            r.setPackager(layout.packager());
            r.unpack(Arrays.copyOfRange(b, headerLength, n));
            return "answer " + r.getMTI() + " STAN " + r.getString(11) + (r.hasField(39) ? "" : " without field 39") + " to STAN "
                    + t.message().getString(11);
        } catch (ISOException | RuntimeException e) {
            return "an answer that does not unpack (" + e.getMessage() + ")";
        }
    }
}
