package io.acqsim.capture;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds IP packets that carry one TCP segment, with correct IPv4 header and TCP checksums: IPv4 when both
 * addresses are IPv4 (DF set, TTL 64), else IPv6 (an IPv4 address taken as IPv4-mapped). The TCP header
 * has no options and a window of 65535.
 */
public final class TcpPackets {
    /** The most payload one segment carries: an IPv4 packet's 65535 bytes less both 20-byte headers. */
    public static final int MAX_PAYLOAD = 65_495;
    private static final int TCP = 6;

    private TcpPackets() {
    }

    public static byte[] ip(Endpoint source, Endpoint destination, int seq, int ack, int flags, byte[] payload) {
        return ip(0, source, destination, seq, ack, flags, ByteBuffer.wrap(payload));
    }

    /**
     * The packet, {@code headroom} bytes into the returned array (room for a link-layer header); the
     * payload is what {@code payload} has between its position and limit, which it leaves as they are.
     */
    static byte[] ip(int headroom, Endpoint source, Endpoint destination, int seq, int ack, int flags, ByteBuffer payload) {
        int len = payload.remaining();
        if (len > MAX_PAYLOAD) throw new IllegalArgumentException("a segment carries at most " + MAX_PAYLOAD + " bytes, not " + len);
        boolean v4 = source.address() instanceof Inet4Address && destination.address() instanceof Inet4Address;
        byte[] src = v4 ? source.address().getAddress() : v6(source.address());
        byte[] dst = v4 ? destination.address().getAddress() : v6(destination.address());
        int ipHeader = v4 ? 20 : 40;
        int tcpLength = 20 + len;
        byte[] p = new byte[headroom + ipHeader + tcpLength];
        int ip = headroom;
        if (v4) {
            p[ip] = 0x45;
            Bytes.put16(p, ip + 2, ipHeader + tcpLength);
            Bytes.put16(p, ip + 6, 0x4000);
            p[ip + 8] = 64;
            p[ip + 9] = TCP;
            System.arraycopy(src, 0, p, ip + 12, 4);
            System.arraycopy(dst, 0, p, ip + 16, 4);
            Bytes.put16(p, ip + 10, Bytes.checksum(Bytes.sum(0, p, ip, 20)));
        } else {
            p[ip] = 0x60;
            Bytes.put16(p, ip + 4, tcpLength);
            p[ip + 6] = TCP;
            p[ip + 7] = 64;
            System.arraycopy(src, 0, p, ip + 8, 16);
            System.arraycopy(dst, 0, p, ip + 24, 16);
        }
        int tcp = ip + ipHeader;
        Bytes.put16(p, tcp, source.port());
        Bytes.put16(p, tcp + 2, destination.port());
        Bytes.put32(p, tcp + 4, seq);
        Bytes.put32(p, tcp + 8, ack);
        p[tcp + 12] = 5 << 4;
        p[tcp + 13] = (byte) flags;
        Bytes.put16(p, tcp + 14, 0xFFFF);
        payload.get(payload.position(), p, tcp + 20, len);
        long sum = Bytes.sum(0, src, 0, src.length);
        sum = Bytes.sum(sum, dst, 0, dst.length);
        sum += TCP + tcpLength;
        Bytes.put16(p, tcp + 16, Bytes.checksum(Bytes.sum(sum, p, tcp, tcpLength)));
        return p;
    }

    private static byte[] v6(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) return b;
        byte[] mapped = new byte[16];
        mapped[10] = mapped[11] = (byte) 0xFF;
        System.arraycopy(b, 0, mapped, 12, 4);
        return mapped;
    }
}
