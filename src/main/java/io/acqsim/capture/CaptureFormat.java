package io.acqsim.capture;

/** The two capture file formats, told apart by their first bytes. */
public enum CaptureFormat {
    /** libpcap's classic format: a 24-byte header, then records; either byte order, µs or ns timestamps. */
    PCAP,
    /** pcapng: blocks, starting with a Section Header Block. */
    PCAPNG;

    static final int PCAP_MICROS = 0xa1b2c3d4;
    static final int PCAP_NANOS = 0xa1b23c4d;
    static final int SHB = 0x0a0d0d0a;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;

    /** The format {@code first} (the file's first bytes, 4 at least, 12 for pcapng) starts, or null. */
    public static CaptureFormat of(byte[] first) {
        if (first == null || first.length < 4) return null;
        int be = Bytes.u32(first, 0);
        int le = Integer.reverseBytes(be);
        if (be == PCAP_MICROS || le == PCAP_MICROS || be == PCAP_NANOS || le == PCAP_NANOS) return PCAP;
        if (be != SHB) return null;
        if (first.length < 12) return PCAPNG;
        int bom = Bytes.u32(first, 8);
        return bom == BYTE_ORDER_MAGIC || Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC ? PCAPNG : null;
    }
}
