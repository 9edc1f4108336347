package io.acqsim.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.acqsim.iso.Profile;
import io.netty.buffer.ByteBuf;

/**
 * Where the MTI and the primary bitmap sit in a packed frame (2-byte length, the profile's header,
 * then the message) and how to damage them in place without changing the frame's length. cup: MTI
 * 2 bytes BCD, bitmap 8 bytes binary; iso87a: MTI 4 ASCII digits, bitmap 16 hex characters.
 */
final class Corruption {
    private Corruption() {
    }

    /** Clears the bit of the lowest field (2–64) the primary bitmap announces; false if the frame is too short or announces none. */
    static boolean bitmap(Profile p, ByteBuf frame) {
        int at = frame.readerIndex() + 2 + p.headerLength() + mtiLength(p);
        if (p == Profile.CUP) {
            if (frame.writerIndex() < at + 8) return false;
            long bits = frame.getLong(at);
            long flipped = clearLowestField(bits);
            if (flipped == bits) return false;
            frame.setLong(at, flipped);
            return true;
        }
        if (frame.writerIndex() < at + 16) return false;
        long bits;
        try {
            bits = Long.parseUnsignedLong(frame.toString(at, 16, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        long flipped = clearLowestField(bits);
        if (flipped == bits) return false;
        String hex = String.format(Locale.ROOT, "%016X", flipped);
        frame.setBytes(at, hex.getBytes(StandardCharsets.US_ASCII));
        return true;
    }

    /** Flips the low bit of the MTI's third digit (0210 → 0200); false if the frame is too short. */
    static boolean mti(Profile p, ByteBuf frame) {
        int at = frame.readerIndex() + 2 + p.headerLength();
        int index = p == Profile.CUP ? at + 1 : at + 2;
        if (frame.writerIndex() <= index) return false;
        int mask = p == Profile.CUP ? 0x10 : 0x01;
        frame.setByte(index, frame.getByte(index) ^ mask);
        return true;
    }

    /** Field f is bit (64 - f) of the long, counting from the least significant; field 1 (secondary bitmap) is left alone. */
    private static long clearLowestField(long bits) {
        for (int field = 2; field <= 64; field++) {
            long mask = 1L << (64 - field);
            if ((bits & mask) != 0) return bits & ~mask;
        }
        return bits;
    }

    private static int mtiLength(Profile p) {
        return p == Profile.CUP ? 2 : 4;
    }
}
