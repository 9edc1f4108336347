package io.acqsim.iso;

/**
 * The 11-byte header of profile cup (reference/DOMAIN.md §1): TPDU {@code 60 DDDD SSSS}, then the
 * application header of 12 BCD digits — application class (2), software version (2), terminal status (1),
 * processing requirement (1, set by the host in responses), reserved (6).
 */
public final class CupHeader {
    public static final int LENGTH = 11;

    /** Processing requirements the host can ask of a terminal in a response header. */
    public static final int NONE = 0;
    public static final int SIGN_ON_AGAIN = 3;

    private static final int PROCESSING_BYTE = 7;

    private CupHeader() {
    }

    /** TPDU 60 0003 0000, application class 60, version 31, normal status, nothing required. */
    public static byte[] defaultHeader() {
        return new byte[] {0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00};
    }

    /** A copy with the TPDU's destination (bytes 1-2) and source (bytes 3-4) exchanged. */
    public static byte[] swapped(byte[] h) {
        byte[] out = h.clone();
        out[1] = h[3];
        out[2] = h[4];
        out[3] = h[1];
        out[4] = h[2];
        return out;
    }

    /** A copy whose processing-requirement digit (low nibble of byte 7) is {@code requirement}. */
    public static byte[] withProcessingRequirement(byte[] h, int requirement) {
        byte[] out = h.clone();
        out[PROCESSING_BYTE] = (byte) ((out[PROCESSING_BYTE] & 0xF0) | (requirement & 0x0F));
        return out;
    }

    public static int processingRequirement(byte[] h) {
        return h == null || h.length != LENGTH ? NONE : processingRequirement(h, 0);
    }

    /** The processing requirement of the header that starts at {@code offset} of {@code b} (LENGTH bytes there). */
    public static int processingRequirement(byte[] b, int offset) {
        return b[offset + PROCESSING_BYTE] & 0x0F;
    }
}
