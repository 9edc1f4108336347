package io.acqsim.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds captures packet by packet for the tests: TCP segments framed in any supported link type,
 * 1 ms apart, written as pcapng or pcap by the production writers.
 */
final class Synthetic {
    static final Instant T0 = Instant.parse("2026-10-09T02:00:00.000000123Z");

    record Record(Instant at, byte[] data) {
    }

    final int linkType;
    final List<Record> packets = new ArrayList<>();
    private Instant next = T0;

    Synthetic(int linkType) {
        this.linkType = linkType;
    }

    static Endpoint endpoint(String address, int port) {
        try {
            return new Endpoint(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A TCP segment; returns its packet number. */
    long segment(Endpoint src, Endpoint dst, int seq, int ack, int flags, byte[] payload) {
        return ip(TcpPackets.ip(src, dst, seq, ack, flags, payload));
    }

    long ip(byte[] ip) {
        return raw(frame(linkType, ip));
    }

    long raw(byte[] linkFrame) {
        packets.add(new Record(next, linkFrame));
        next = next.plusMillis(1);
        return packets.size();
    }

    Instant time(long number) {
        return packets.get((int) number - 1).at();
    }

    /** {@code ip} in a frame of {@code linkType}. */
    static byte[] frame(int linkType, byte[] ip) {
        boolean v4 = (ip[0] & 0xF0) == 0x40;
        int ethertype = v4 ? 0x0800 : 0x86DD;
        ByteBuffer b;
        switch (linkType) {
            case LinkLayer.ETHERNET -> {
                b = ByteBuffer.allocate(14 + ip.length);
                b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) ethertype);
            }
            case LinkLayer.LINUX_SLL -> {
                b = ByteBuffer.allocate(16 + ip.length);
                b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).putShort((short) ethertype);
            }
            case LinkLayer.LINUX_SLL2 -> {
                b = ByteBuffer.allocate(20 + ip.length);
                b.putShort((short) ethertype).putShort((short) 0).putInt(3).putShort((short) 1).put((byte) 0).put((byte) 6)
                        .put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
            }
            case LinkLayer.NULL -> {
                b = ByteBuffer.allocate(4 + ip.length);
                b.order(ByteOrder.LITTLE_ENDIAN).putInt(v4 ? 2 : 30).order(ByteOrder.BIG_ENDIAN);
            }
            case LinkLayer.LOOP -> {
                b = ByteBuffer.allocate(4 + ip.length);
                b.putInt(v4 ? 2 : 24);
            }
            case LinkLayer.RAW, LinkLayer.IPV4, LinkLayer.IPV6 -> b = ByteBuffer.allocate(ip.length);
            default -> throw new IllegalArgumentException("link type " + linkType);
        }
        return b.put(ip).array();
    }

    /** An Ethernet frame with 802.1ad and 802.1Q tags in front of {@code ip}. */
    static byte[] doubleTagged(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(22 + ip.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x88A8).putShort((short) 100).putShort((short) 0x8100)
                .putShort((short) 200).putShort((short) 0x0800);
        return b.put(ip).array();
    }

    Path writePcapng(Path file) throws IOException {
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(file), linkType, TimeResolution.NANOSECONDS)) {
            for (Record r : packets) w.write(r.at(), r.data(), 0, r.data().length);
        }
        return file;
    }

    Path writePcap(Path file, TimeResolution resolution) throws IOException {
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), linkType, resolution)) {
            for (Record r : packets) w.write(r.at(), r.data(), 0, r.data().length);
        }
        return file;
    }

    /** Classic pcap in big-endian byte order (what a SPARC or a big-endian writer leaves). */
    Path writeBigEndianPcap(Path file, boolean nanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        out.write(h.array());
        for (Record r : packets) {
            ByteBuffer rec = ByteBuffer.allocate(16);
            rec.putInt((int) r.at().getEpochSecond()).putInt(nanos ? r.at().getNano() : r.at().getNano() / 1000).putInt(r.data().length)
                    .putInt(r.data().length);
            out.write(rec.array());
            out.write(r.data());
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Concatenated frames: each body after its 2-byte big-endian length. */
    static byte[] framed(List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            out.write(body.length >> 8);
            out.write(body.length);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** A frame body the tests' plausibility check accepts: "MSG" then printable filler, {@code length} bytes in all. */
    static byte[] body(String tag, int length) {
        byte[] b = new byte[length];
        byte[] head = ("MSG" + tag + ":").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) b[i] = i < head.length ? head[i] : (byte) ('a' + (i * 7 + tag.length()) % 26);
        return b;
    }

    static boolean plausible(byte[] body) {
        return body.length >= 3 && body[0] == 'M' && body[1] == 'S' && body[2] == 'G';
    }

    /** A pcapng writer that can write every block this reader knows, in either byte order, for format tests. */
    static final class Blocks {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        Blocks(ByteOrder order) {
            this.order = order;
        }

        Blocks section() {
            ByteBuffer b = ByteBuffer.allocate(16).order(order).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(0x0a0d0d0a, b.array());
        }

        /** An interface; {@code tsresol} below 0 for none, {@code tsoffset} 0 for none. */
        Blocks iface(int linkType, int snap, int tsresol, long tsoffset) {
            ByteBuffer b = ByteBuffer.allocate(8 + 8 + 12 + 4).order(order).putShort((short) linkType).putShort((short) 0).putInt(snap);
            if (tsresol >= 0) b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            if (tsoffset != 0) b.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
            b.putInt(0);
            return block(1, java.util.Arrays.copyOf(b.array(), b.position()));
        }

        Blocks epb(int iface, long units, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(20 + pad(data.length)).order(order).putInt(iface).putInt((int) (units >>> 32)).putInt((int) units)
                    .putInt(data.length).putInt(data.length).put(data);
            return block(6, b.array());
        }

        Blocks spb(byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(4 + pad(data.length)).order(order).putInt(data.length).put(data);
            return block(3, b.array());
        }

        Blocks pb(int iface, long units, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(20 + pad(data.length)).order(order).putShort((short) iface).putShort((short) 0)
                    .putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(data.length).put(data);
            return block(2, b.array());
        }

        Blocks block(int type, byte[] body) {
            int length = 12 + pad(body.length);
            ByteBuffer b = ByteBuffer.allocate(length).order(order).putInt(type).putInt(length).put(body);
            b.position(length - 4);
            b.putInt(length);
            out.writeBytes(b.array());
            return this;
        }

        Blocks bytes(byte[] raw) {
            out.writeBytes(raw);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        void writeTo(OutputStream o) throws IOException {
            out.writeTo(o);
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }
    }
}
