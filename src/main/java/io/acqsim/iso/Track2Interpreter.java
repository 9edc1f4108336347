package io.acqsim.iso;

import org.jpos.iso.ISOException;
import org.jpos.iso.Interpreter;

/**
 * Track 2 in packed BCD as UnionPay terminals send it (z..37): digits as nibbles, the field separator
 * as nibble D, an odd length padded with F. Reads back with 'D' as the separator. jPOS's BCD interpreter
 * knows only digits, so a track 2 with its separator would not survive it.
 */
public final class Track2Interpreter implements Interpreter {
    public static final Track2Interpreter INSTANCE = new Track2Interpreter();

    @Override
    public void interpret(String data, byte[] b, int offset) throws ISOException {
        for (int i = 0; i < data.length(); i++) {
            int nibble = nibble(data.charAt(i));
            int at = offset + i / 2;
            b[at] = (byte) (i % 2 == 0 ? nibble << 4 : (b[at] & 0xF0) | nibble);
        }
        if (data.length() % 2 != 0) b[offset + data.length() / 2] |= 0x0F;
    }

    private static int nibble(char c) throws ISOException {
        if (c >= '0' && c <= '9') return c - '0';
        if (c == 'D' || c == 'd' || c == '=') return 0x0D;
        throw new ISOException("track 2 may hold only digits and the separator D or '=', not '" + c + "'");
    }

    @Override
    public String uninterpret(byte[] raw, int offset, int length) throws ISOException {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int v = (raw[offset + i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
            if (v <= 9) sb.append((char) ('0' + v));
            else if (v == 0x0D) sb.append('D');
            else throw new ISOException("track 2 nibble " + Integer.toHexString(v).toUpperCase() + " at digit " + i + " is neither a digit nor D");
        }
        return sb.toString();
    }

    @Override
    public int getPackedLength(int nDataUnits) {
        return (nDataUnits + 1) / 2;
    }
}
