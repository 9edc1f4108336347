package io.acqsim.capture;

/**
 * Where the IP packet starts in a frame of each supported link type (the LINKTYPE_ values of pcap and
 * pcapng): Ethernet, with any number of 802.1Q/802.1ad VLAN tags; BSD loopback (NULL, address family in
 * the writer's byte order) and OpenBSD LOOP (family in network order); raw IP (101, 228, 229); Linux
 * cooked capture v1 (SLL) and v2 (SLL2).
 */
public final class LinkLayer {
    public static final int NULL = 0, ETHERNET = 1, RAW = 101, LOOP = 108, LINUX_SLL = 113, IPV4 = 228, IPV6 = 229, LINUX_SLL2 = 276;
    static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD;
    /** Address families that mean IPv4 and IPv6 in a loopback header: 2; 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS). */
    private static final int AF_INET = 2;

    private LinkLayer() {
    }

    public static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case RAW, IPV4, IPV6 -> "raw IP";
            case LOOP -> "OpenBSD loopback";
            case LINUX_SLL -> "Linux cooked";
            case LINUX_SLL2 -> "Linux cooked v2";
            default -> "link type " + linkType;
        };
    }

    /** The offset of the IP header in {@code frame}, or -1 when the frame carries no IPv4 or IPv6 packet. */
    public static int ipOffset(int linkType, byte[] frame) {
        int n = frame.length;
        return switch (linkType) {
            case RAW, IPV4, IPV6 -> 0;
            case ETHERNET -> n < 14 ? -1 : afterEthertype(frame, Bytes.u16(frame, 12), 14);
            case LINUX_SLL -> n < 16 ? -1 : afterEthertype(frame, Bytes.u16(frame, 14), 16);
            case LINUX_SLL2 -> n < 20 ? -1 : afterEthertype(frame, Bytes.u16(frame, 0), 20);
            case NULL -> n < 4 ? -1 : (ipFamily(Bytes.u32(frame, 0)) || ipFamily(Integer.reverseBytes(Bytes.u32(frame, 0))) ? 4 : -1);
            case LOOP -> n < 4 ? -1 : (ipFamily(Bytes.u32(frame, 0)) ? 4 : -1);
            default -> -1;
        };
    }

    private static boolean ipFamily(int family) {
        return family == AF_INET || family == 10 || family == 24 || family == 28 || family == 30;
    }

    /** The offset after an EtherType and the VLAN tags it introduces, or -1 when it is not IP. */
    private static int afterEthertype(byte[] frame, int type, int next) {
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (next + 4 > frame.length) return -1;
            type = Bytes.u16(frame, next + 2);
            next += 4;
        }
        return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 ? next : -1;
    }
}
