package io.acqsim.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads pcapng: a sequence of blocks (type, total length, body, total length again), each section opened
 * by a Section Header Block that sets the byte order of the blocks after it. Packets come from Enhanced
 * Packet Blocks, Simple Packet Blocks (no timestamp: {@link Packet#at()} is null) and the obsolete Packet
 * Block, on the interfaces the section's Interface Description Blocks describe (link type, snap length,
 * {@code if_tsresol}, {@code if_tsoffset}). Every other block is skipped. Frame numbers count the packet
 * blocks, as Wireshark does.
 * <p>
 * A block whose length is impossible, or whose trailing length differs from its leading one, means the
 * file is damaged from there on: that is reported and the read ends. A packet block that does not fit
 * its own length, or names an interface the section does not have, is reported and skipped.
 */
public final class PcapngReader implements PacketReader {
    static final int EPB = 6, SPB = 3, PB = 2, IDB = 1;
    /** Blocks up to this size are read; a larger packet block is skipped with a problem (others are skipped silently). */
    static final int MAX_BLOCK = 16 << 20;
    private static final int IF_TSRESOL = 9, IF_TSOFFSET = 14;

    private record Interface(int linkType, long snapLength, Timestamps resolution, long offsetSeconds) {
    }

    private final InputStream in;
    private final Consumer<CaptureProblem> problems;
    private final List<Interface> interfaces = new ArrayList<>();
    private final byte[] head = new byte[8];
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private byte[] body = new byte[4096];
    private long offset;
    private long number;
    private boolean done;

    public PcapngReader(InputStream in, Consumer<CaptureProblem> problems) {
        this.in = in;
        this.problems = problems;
    }

    @Override
    public Packet next() throws IOException {
        while (!done) {
            long at = offset;
            int n = read(head, 8);
            if (n == 0) {
                done = true;
                break;
            }
            if (n < 8) {
                stop("the file ends inside the header of the block at byte " + at + ": truncated capture");
                break;
            }
            int type = ByteBuffer.wrap(head).order(order).getInt(0);
            if (Bytes.u32(head, 0) == CaptureFormat.SHB) {
                if (!section(at)) break;
                continue;
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(head).order(order).getInt(4));
            if (length < 12 || length % 4 != 0) {
                stop("the block at byte " + at + " has a bad length (" + length + "); the rest of the file is not read");
                break;
            }
            boolean packet = type == EPB || type == SPB || type == PB;
            if (!packet && type != IDB || length > MAX_BLOCK) {
                if (!skip(length - 12, at) || !trailer(length, at)) break;
                if (packet) number++;
                if (packet || type == IDB) {
                    if (type == IDB) interfaces.add(new Interface(-1, 0, Timestamps.MICROS, 0));
                    problems.accept(new CaptureProblem(packet ? number : number + 1, "a block of " + length + " bytes at byte " + at + ", too large to read; skipped"));
                }
                continue;
            }
            if (!readBody((int) length - 12, at, length) || !trailer(length, at)) break;
            ByteBuffer b = ByteBuffer.wrap(body, 0, (int) length - 12).order(order);
            if (type == IDB) {
                description(b);
                continue;
            }
            number++;
            Packet p = packet(type, b);
            if (p != null) return p;
        }
        return null;
    }

    /** Reads a Section Header Block whose type has been read; false when the read ends. */
    private boolean section(long at) throws IOException {
        byte[] bom = new byte[4];
        if (read(bom, 4) < 4) return stop("the file ends inside the section header at byte " + at + ": truncated capture");
        int magic = Bytes.u32(bom, 0);
        if (magic == CaptureFormat.BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == CaptureFormat.BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            return stop("the section header at byte " + at + " has no byte-order magic; the rest of the file is not read");
        }
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(head).order(order).getInt(4));
        if (length < 28 || length % 4 != 0 || length > MAX_BLOCK) {
            return stop("the section header at byte " + at + " has a bad length (" + length + "); the rest of the file is not read");
        }
        if (!readBody((int) length - 16, at, length) || !trailer(length, at)) return false;
        int major = ByteBuffer.wrap(body).order(order).getShort(0) & 0xFFFF;
        if (major != 1) return stop("the section at byte " + at + " is pcapng version " + major + ", not 1; the rest of the file is not read");
        interfaces.clear();
        return true;
    }

    private void description(ByteBuffer b) {
        if (b.limit() < 8) {
            interfaces.add(new Interface(-1, 0, Timestamps.MICROS, 0));
            problems.accept(new CaptureProblem(number + 1, "an interface description block too short to read; its packets are skipped"));
            return;
        }
        int linkType = b.getShort(0) & 0xFFFF;
        long snap = Integer.toUnsignedLong(b.getInt(4));
        Timestamps resolution = Timestamps.MICROS;
        long offsetSeconds = 0;
        int p = 8;
        while (p + 4 <= b.limit()) {
            int code = b.getShort(p) & 0xFFFF;
            int len = b.getShort(p + 2) & 0xFFFF;
            if (code == 0 || p + 4 + len > b.limit()) break;
            if (code == IF_TSRESOL && len >= 1) {
                Timestamps t = Timestamps.ofOption(b.get(p + 4) & 0xFF);
                if (t == null) {
                    problems.accept(new CaptureProblem(number + 1, "interface " + interfaces.size() + " has an unusable timestamp resolution ("
                            + (b.get(p + 4) & 0xFF) + "); read as microseconds"));
                } else {
                    resolution = t;
                }
            } else if (code == IF_TSOFFSET && len >= 8) {
                offsetSeconds = b.getLong(p + 4);
            }
            p += 4 + ((len + 3) & ~3);
        }
        interfaces.add(new Interface(linkType, snap, resolution, offsetSeconds));
    }

    private Packet packet(int type, ByteBuffer b) {
        int fixed = type == EPB || type == PB ? 20 : 4;
        if (b.limit() < fixed) return skipped("a packet block too short to hold its fields");
        int iface = type == EPB ? b.getInt(0) : type == PB ? b.getShort(0) & 0xFFFF : 0;
        if (iface < 0 || iface >= interfaces.size()) return skipped("its packet block names interface " + Integer.toUnsignedString(iface)
                + ", which the section does not describe");
        Interface i = interfaces.get(iface);
        if (i.linkType() < 0) return null;
        long captured;
        long original;
        Instant at = null;
        if (type == SPB) {
            original = Integer.toUnsignedLong(b.getInt(0));
            captured = Math.min(original, b.limit() - 4L);
            if (i.snapLength() > 0) captured = Math.min(captured, i.snapLength());
        } else {
            long units = (Integer.toUnsignedLong(b.getInt(4)) << 32) | Integer.toUnsignedLong(b.getInt(8));
            try {
                at = i.resolution().instant(units, i.offsetSeconds());
            } catch (DateTimeException e) {
                return skipped("its timestamp (" + Long.toUnsignedString(units) + " units of " + i.resolution() + ", offset "
                        + i.offsetSeconds() + " s) is beyond any date");
            }
            captured = Integer.toUnsignedLong(b.getInt(12));
            original = Integer.toUnsignedLong(b.getInt(16));
            if (captured > b.limit() - 20L) return skipped("its packet block claims " + captured + " captured bytes but holds " + (b.limit() - 20));
        }
        byte[] data = new byte[(int) captured];
        System.arraycopy(body, fixed, data, 0, data.length);
        return new Packet(number, at, i.linkType(), data, original);
    }

    private Packet skipped(String why) {
        problems.accept(new CaptureProblem(number, why + "; skipped"));
        return null;
    }

    private boolean readBody(int n, long at, long length) throws IOException {
        if (body.length < n) body = new byte[Math.max(n, body.length * 2)];
        if (read(body, n) < n) return stop("the file ends inside the block at byte " + at + " (" + (offset - at) + " of " + length + " bytes): truncated capture");
        return true;
    }

    private boolean skip(long n, long at) throws IOException {
        try {
            in.skipNBytes(n);
            offset += n;
            return true;
        } catch (EOFException e) {
            return stop("the file ends inside the block at byte " + at + ": truncated capture");
        }
    }

    /** Reads the trailing length of a block and checks it against the leading one. */
    private boolean trailer(long length, long at) throws IOException {
        byte[] t = new byte[4];
        if (read(t, 4) < 4) return stop("the file ends inside the block at byte " + at + ": truncated capture");
        long again = Integer.toUnsignedLong(ByteBuffer.wrap(t).order(order).getInt(0));
        if (again != length) {
            return stop("the block at byte " + at + " has a bad length (" + length + " at its start, " + again + " at its end); the rest of the file is not read");
        }
        return true;
    }

    private int read(byte[] b, int n) throws IOException {
        int got = in.readNBytes(b, 0, n);
        offset += got;
        return got;
    }

    /** Reports a problem that ends the read; returns false. */
    private boolean stop(String reason) {
        problems.accept(new CaptureProblem(number + 1, reason));
        done = true;
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
