package io.acqsim.load;

import java.util.Arrays;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupHeader;
import io.acqsim.message.Dialect;

/**
 * One request of a terminal, packed once by jPOS and then patched for the next requests of the same shape
 * (kind, entry mode, batch, clock second): the STAN and the amount are written into the packed bytes in
 * place, other fields (QR code, original RRN) are packed alone by their field packager and copied over
 * when they take the same bytes. What goes out is the frame {@link LoadLink} would write for the same
 * message: the 2-byte length, for cup the 11-byte header, then the packed message. Field offsets come
 * from packing each field with the packager's own field packager, so they follow the packager file.
 *
 * <p>The caller builds a new template (with {@link io.acqsim.terminal.RequestFactory}) when the clock's
 * second or the batch changes, since those fields are formatted by the factory, and when a patch is
 * refused (returns false). Not thread-safe: one terminal's.
 */
final class RequestTemplate {
    private final PackedLayout layout;
    private final byte[] frame;
    private final int length;
    /** Offset in {@link #frame} of each field up to the message's last (-1 absent), and its packed width. */
    private final int[] at;
    private final int[] width;
    private final int bodyAt;
    private final long second;
    private final int batch;
    private final String mti;
    private final String processingCode;
    private final String f7;
    private final String entryMode;
    /** The response MTI packed as the answer carries it, or null when the request has no response MTI. */
    private final byte[] responseMti;

    private RequestTemplate(PackedLayout layout, ISOMsg m, byte[] body, int headerLength, long second, int batch) throws ISOException {
        this.layout = layout;
        this.second = second;
        this.batch = batch;
        this.mti = m.getMTI();
        this.processingCode = m.getString(3);
        this.f7 = m.getString(7);
        this.entryMode = m.getString(22);
        String rmti = Dialect.responseMti(mti);
        this.responseMti = rmti == null ? null : layout.pack(0, rmti);
        this.length = 2 + headerLength + body.length;
        if (headerLength + body.length > 0xFFFF) throw new ISOException("a frame of " + (headerLength + body.length) + " bytes does not fit the 2-byte length");
        this.frame = new byte[length];
        frame[0] = (byte) ((headerLength + body.length) >> 8);
        frame[1] = (byte) (headerLength + body.length);
        if (headerLength > 0) {
            byte[] h = m.getHeader() != null && m.getHeader().length == headerLength ? m.getHeader() : CupHeader.defaultHeader();
            System.arraycopy(h, 0, frame, 2, headerLength);
        }
        this.bodyAt = 2 + headerLength;
        System.arraycopy(body, 0, frame, bodyAt, body.length);
        this.at = new int[m.getMaxField() + 1];
        this.width = new int[m.getMaxField() + 1];
        locateFields(m, body.length);
    }

    /**
     * Packs {@code m} (its packager set to the layout's) into a template for the requests of its shape;
     * {@code second} (epoch seconds) and {@code batch} are those the factory built it for.
     */
    static RequestTemplate of(PackedLayout layout, ISOMsg m, int headerLength, long second, int batch) throws ISOException {
        m.setPackager(layout.packager());
        return new RequestTemplate(layout, m, m.pack(), headerLength, second, batch);
    }

    /** Offsets by the packed width of each field after the bitmap; the MTI and bitmap take what is left in front. */
    private void locateFields(ISOMsg m, int bodyLength) throws ISOException {
        Arrays.fill(at, -1);
        int fields = 0;
        for (int f = 2; f <= m.getMaxField(); f++) {
            ISOComponent c = m.getComponent(f);
            if (c == null) continue;
            width[f] = layout.packager().getFieldPackager(f).pack(c).length;
            fields += width[f];
        }
        int offset = bodyAt + bodyLength - fields;
        at[0] = bodyAt;
        width[0] = layout.width(0);
        for (int f = 2; f <= m.getMaxField(); f++) {
            if (m.getComponent(f) == null) continue;
            at[f] = offset;
            offset += width[f];
        }
        if (width[0] < 0 || !Arrays.equals(frame, bodyAt, bodyAt + width[0], layout.pack(0, mti), 0, width[0])) {
            throw new ISOException("the packed " + mti + " does not start with its MTI as field 0's packager packs it");
        }
    }

    /** Whether this template was built for {@code second} and {@code batch}. */
    boolean current(long second, int batch) {
        return this.second == second && this.batch == batch;
    }

    /** Writes the number into fixed-width numeric field {@code field}; false when it cannot be done in place. */
    boolean setNumber(int field, long value) {
        return at(field) >= 0 && layout.width(field) == width[field] && layout.writeDigits(field, value, frame, at[field]);
    }

    /** Sets string field {@code field}, packed alone; false when it is absent or the value packs to another width. */
    boolean set(int field, String value) throws ISOException {
        if (at(field) < 0) return false;
        byte[] p = layout.pack(field, value);
        if (p.length != width[field]) return false;
        System.arraycopy(p, 0, frame, at[field], p.length);
        return true;
    }

    /**
     * Writes the MAC of the request as it now stands into its last field (64, or 128 with a secondary
     * bitmap), computed by {@code mac} over the packed message before that field; false when the last
     * field is not a MAC field or the MAC packs to another width.
     */
    boolean sign(java.util.function.UnaryOperator<byte[]> mac) throws ISOException {
        int f = at.length - 1;
        if ((f != 64 && f != 128) || at[f] < 0) return false;
        byte[] p = layout.packager().getFieldPackager(f).pack(new org.jpos.iso.ISOBinaryField(f, mac.apply(Arrays.copyOfRange(frame, bodyAt, at[f]))));
        if (p.length != width[f]) return false;
        System.arraycopy(p, 0, frame, at[f], p.length);
        return true;
    }

    byte[] frame() { return frame; }

    int length() { return length; }

    /** Where field {@code field} starts in {@link #frame}, or -1 when the request has none. */
    int at(int field) { return field < at.length ? at[field] : -1; }

    /** The packed width of field {@code field} when present. */
    int width(int field) { return width[field]; }

    /** Where the packed message starts in {@link #frame} (after the 2-byte length and the header). */
    int bodyAt() { return bodyAt; }

    String mti() { return mti; }

    String processingCode() { return processingCode; }

    String f7() { return f7; }

    String entryMode() { return entryMode; }

    byte[] responseMti() { return responseMti; }

    /** The request as it stands, unpacked by jPOS (with its cup header): for the rare paths (reversal, error text). */
    ISOMsg message() throws ISOException {
        ISOMsg m = new ISOMsg();
        m.setPackager(layout.packager());
        if (bodyAt > 2) m.setHeader(Arrays.copyOfRange(frame, 2, bodyAt));
        m.unpack(Arrays.copyOfRange(frame, bodyAt, length));
        return m;
    }
}
