package io.acqsim.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads libpcap's classic savefile format: a 24-byte header (magic number in the writer's byte order,
 * microsecond {@code a1b2c3d4} or nanosecond {@code a1b23c4d} timestamps, snap length, link type),
 * then per packet a 16-byte record header (seconds, fraction, captured and original length) and the
 * captured bytes. A record with an impossible length or a file that ends inside a record is reported
 * and ends the read: the format has no way to find the next record.
 */
public final class PcapReader implements PacketReader {
    /** The largest record accepted whatever the header's snap length says (libpcap's own limit). */
    static final int MAX_RECORD = 262_144;

    private final InputStream in;
    private final Consumer<CaptureProblem> problems;
    private final byte[] header = new byte[16];
    private ByteBuffer fields;
    private boolean nanos;
    private int linkType;
    private long snapLength;
    private long number;
    private boolean done;

    /** Reads the file header from {@code in}; a header that is cut short is reported and the reader is empty. */
    public PcapReader(InputStream in, Consumer<CaptureProblem> problems) throws IOException {
        this.in = in;
        this.problems = problems;
        byte[] h = in.readNBytes(24);
        if (h.length < 24) {
            problems.accept(new CaptureProblem(1, "the pcap file header is cut short (" + h.length + " of 24 bytes)"));
            done = true;
            return;
        }
        int magic = Bytes.u32(h, 0);
        ByteOrder order = magic == CaptureFormat.PCAP_MICROS || magic == CaptureFormat.PCAP_NANOS ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(h).order(order);
        int m = b.getInt(0);
        if (m != CaptureFormat.PCAP_MICROS && m != CaptureFormat.PCAP_NANOS) throw new NotACaptureException("not a pcap file header");
        nanos = m == CaptureFormat.PCAP_NANOS;
        snapLength = Integer.toUnsignedLong(b.getInt(16));
        linkType = b.getInt(20) & 0x0FFF_FFFF;
        fields = ByteBuffer.wrap(header).order(order);
    }

    @Override
    public Packet next() throws IOException {
        if (done) return null;
        long frame = number + 1;
        int n = in.readNBytes(header, 0, 16);
        if (n == 0) return end();
        if (n < 16) return fail(frame, "the file ends inside the record header of frame " + frame + " (" + n + " of 16 bytes): truncated capture");
        long seconds = Integer.toUnsignedLong(fields.getInt(0));
        long fraction = Integer.toUnsignedLong(fields.getInt(4));
        long captured = Integer.toUnsignedLong(fields.getInt(8));
        long original = Integer.toUnsignedLong(fields.getInt(12));
        // never above MAX_RECORD, whatever the header's snap length: the length is read into memory, and
        // a header may claim up to 4 GiB
        if (captured > MAX_RECORD) {
            return fail(frame, "the record of frame " + frame + " claims " + captured + " captured bytes (snap length " + snapLength
                    + ", at most " + MAX_RECORD + " read): a bad record length; the rest of the file is not read");
        }
        byte[] data = in.readNBytes((int) captured);
        if (data.length < captured) {
            return fail(frame, "the file ends inside frame " + frame + " (" + data.length + " of " + captured + " bytes): truncated capture");
        }
        number = frame;
        Instant at = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
        return new Packet(frame, at, linkType, data, original);
    }

    private Packet fail(long frame, String reason) {
        problems.accept(new CaptureProblem(frame, reason));
        return end();
    }

    private Packet end() {
        done = true;
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
