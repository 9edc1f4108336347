package io.acqsim.capture;

/** Big-endian (network order) reads and writes, and the Internet checksum. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static int u32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /** The 16-bit one's complement sum of {@code len} bytes (odd length padded with a zero), added to {@code sum}. */
    static long sum(long sum, byte[] b, int off, int len) {
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) sum += u16(b, i);
        if ((len & 1) != 0) sum += (b[off + len - 1] & 0xFF) << 8;
        return sum;
    }

    /** The Internet checksum (RFC 1071) of a one's complement sum. */
    static int checksum(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) (~sum & 0xFFFF);
    }
}
