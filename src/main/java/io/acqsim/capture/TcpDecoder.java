package io.acqsim.capture;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the TCP segment in a captured packet: link layer ({@link LinkLayer}), then IPv4 (options
 * skipped) or IPv6 (hop-by-hop, routing, destination-options and authentication headers skipped), then
 * TCP. Anything that is not TCP over IP is ignored without a word. Reported, and skipped: IP fragments
 * of TCP (they are not reassembled), a TCP header the capture cut off, a packet of a link type this
 * reader does not know (once per link type). A segment whose payload the capture cut short comes back
 * {@link TcpSegment#lost() lost}, reported, so the stream knows what it misses. Checksums are not checked:
 * captures taken on the sending host carry the unfilled checksums of offloading network cards.
 */
public final class TcpDecoder {
    private static final int TCP = 6, HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, AUTH = 51, DEST_OPTIONS = 60;

    private final Consumer<CaptureProblem> problems;
    private final Set<Integer> unknownLinkTypes = new HashSet<>();

    public TcpDecoder(Consumer<CaptureProblem> problems) {
        this.problems = problems;
    }

    /** The TCP segment in {@code p}, or null when it carries none that can be read. */
    public TcpSegment decode(Packet p) {
        if (!LinkLayer.supported(p.linkType())) {
            if (unknownLinkTypes.add(p.linkType())) {
                report(p, "link type " + p.linkType() + " is not one this reader knows (Ethernet, loopback, raw IP, Linux cooked); "
                        + "its packets are skipped");
            }
            return null;
        }
        byte[] d = p.data();
        int ip = LinkLayer.ipOffset(p.linkType(), d);
        if (ip < 0 || ip >= d.length) return null;
        return switch ((d[ip] & 0xFF) >> 4) {
            case 4 -> ipv4(p, d, ip);
            case 6 -> ipv6(p, d, ip);
            default -> null;
        };
    }

    private TcpSegment ipv4(Packet p, byte[] d, int ip) {
        if (d.length - ip < 20) return null;
        int headerLength = (d[ip] & 0x0F) * 4;
        if (d[ip + 9] != TCP) return null;
        if (headerLength < 20) return report(p, "its IPv4 header length is " + headerLength + ", less than 20; skipped");
        int total = Bytes.u16(d, ip + 2);
        int fragment = Bytes.u16(d, ip + 6);
        if ((fragment & 0x3FFF) != 0) {
            String more = (fragment & 0x2000) != 0 ? ", more follow" : "";
            return report(p, "an IPv4 fragment of a TCP segment (offset " + (fragment & 0x1FFF) * 8 + more + "); fragments are not reassembled, skipped");
        }
        // A total length of 0 is what TCP segmentation offload leaves in captures taken on the sender.
        int end = total == 0 ? d.length : ip + total;
        if (end < ip + headerLength) return report(p, "its IPv4 total length (" + total + ") is shorter than its header; skipped");
        return tcp(p, d, ip + headerLength, end, ip + 12, 4);
    }

    private TcpSegment ipv6(Packet p, byte[] d, int ip) {
        if (d.length - ip < 40) return null;
        int payload = Bytes.u16(d, ip + 4);
        int end = payload == 0 ? d.length : ip + 40 + payload;
        int next = d[ip + 6] & 0xFF;
        int at = ip + 40;
        while (next != TCP) {
            if (at + 8 > Math.min(end, d.length)) return null;
            switch (next) {
                case HOP_BY_HOP, ROUTING, DEST_OPTIONS -> {
                    next = d[at] & 0xFF;
                    at += ((d[at + 1] & 0xFF) + 1) * 8;
                }
                case AUTH -> {
                    next = d[at] & 0xFF;
                    at += ((d[at + 1] & 0xFF) + 2) * 4;
                }
                case FRAGMENT -> {
                    if ((d[at] & 0xFF) != TCP) return null;
                    return report(p, "an IPv6 fragment of a TCP segment; fragments are not reassembled, skipped");
                }
                default -> {
                    return null;
                }
            }
        }
        return tcp(p, d, at, end, ip + 8, 16);
    }

    /**
     * The segment at {@code tcp}, whose IP packet ends at {@code end} (past what was captured when the
     * capture cut it) and has its source address at {@code addresses}, the destination right after it.
     */
    private TcpSegment tcp(Packet p, byte[] d, int tcp, int end, int addresses, int addressLength) {
        if (tcp + 20 > Math.min(end, d.length)) return report(p, "the capture cut its TCP header off; skipped");
        int headerLength = ((d[tcp + 12] & 0xFF) >> 4) * 4;
        int start = tcp + headerLength;
        if (headerLength < 20 || start > end) return report(p, "its TCP header length (" + headerLength + ") is impossible; skipped");
        if (start > d.length) return report(p, "the capture cut its TCP header off; skipped");
        Endpoint src = Endpoint.of(d, addresses, addressLength, Bytes.u16(d, tcp));
        Endpoint dst = Endpoint.of(d, addresses + addressLength, addressLength, Bytes.u16(d, tcp + 2));
        int seq = Bytes.u32(d, tcp + 4);
        int ack = Bytes.u32(d, tcp + 8);
        int flags = d[tcp + 13] & 0x3F;
        int length = end - start;
        if (end > d.length) {
            report(p, "the capture kept " + (d.length - start) + " of the " + length + " bytes of its TCP payload (snap length); "
                    + "the rest of " + src + " -> " + dst + " misses them");
            return new TcpSegment(src, dst, seq, ack, flags, null, start, length, true);
        }
        return new TcpSegment(src, dst, seq, ack, flags, d, start, length, false);
    }

    private TcpSegment report(Packet p, String reason) {
        problems.accept(new CaptureProblem(p.number(), reason));
        return null;
    }
}
