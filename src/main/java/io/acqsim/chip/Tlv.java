package io.acqsim.chip;

import java.io.ByteArrayOutputStream;

/** Writes BER-TLV data objects: one- to three-byte tags, definite lengths (short form or 81/82). */
final class Tlv {
    private Tlv() {
    }

    static void write(ByteArrayOutputStream out, int tag, byte[] value) {
        if (tag > 0xFFFF) out.write(tag >>> 16);
        if (tag > 0xFF) out.write((tag >>> 8) & 0xFF);
        out.write(tag & 0xFF);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n <= 0xFF) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(value);
    }

    /** The tag written in hex ("9F06", "DF02"), as an int; an IllegalArgumentException names a bad one. */
    static int tag(String hex) {
        if (!hex.matches("[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}|[0-9A-Fa-f]{6}")) throw new IllegalArgumentException("'" + hex + "' is not a 1-3 byte tag in hex");
        return Integer.parseInt(hex, 16);
    }
}
