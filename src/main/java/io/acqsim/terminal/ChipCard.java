package io.acqsim.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import io.acqsim.message.Digits;

/**
 * The TEST chip card of the emulated terminal: the field 55 a terminal sends with a chip purchase
 * (first GENERATE AC: ARQC and the data it covers) and with the TC upload after an approval. The
 * cryptogram is a digest of the transaction's data, not a card key's MAC: the host does not verify
 * ARQCs, it answers them (see io.acqsim.chip.Arpc).
 */
public final class ChipCard {
    /** UnionPay debit, one of the applications in cfg/chip/ic-params.yml. */
    static final byte[] AID = {(byte) 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x01};

    private ChipCard() {
    }

    /** Field 55 of a chip purchase: 9F26 ARQC (CID 80) with the data elements terminals send online. */
    public static byte[] arqcData(long amount, String stan, String yymmdd) {
        return data(amount, stan, yymmdd, (byte) 0x80, "ARQC");
    }

    /** Field 55 of the TC upload after an approved chip purchase: 9F26 TC (CID 40). */
    public static byte[] tcData(long amount, String stan, String yymmdd) {
        return data(amount, stan, yymmdd, (byte) 0x40, "TC");
    }

    /** The 8-byte cryptogram in {@code field55}'s 9F26 (the first data object), for checks by the terminal's caller. */
    public static byte[] cryptogram(byte[] field55) {
        return Arrays.copyOfRange(field55, 3, 11);
    }

    private static byte[] data(long amount, String stan, String yymmdd, byte cid, String kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, 0x9F26, digest(kind + "|" + amount + "|" + stan + "|" + yymmdd));
        write(out, 0x9F27, new byte[] {cid});
        write(out, 0x9F10, hex("07010103A00000010A01000000000000000000"));
        write(out, 0x9F37, Arrays.copyOf(digest("UN|" + stan), 4));
        write(out, 0x9F36, new byte[] {0x00, (byte) (Integer.parseInt(stan) % 250 + 1)});
        write(out, 0x95, new byte[5]);
        write(out, 0x9A, hex(yymmdd));
        write(out, 0x9C, new byte[] {0x00});
        write(out, 0x9F02, hex(Digits.fixed(amount, 12)));
        write(out, 0x5F2A, hex("0156"));
        write(out, 0x82, hex("7C00"));
        write(out, 0x9F1A, hex("0156"));
        write(out, 0x9F03, new byte[6]);
        write(out, 0x9F33, hex("E0E1C8"));
        write(out, 0x9F34, hex("420300"));
        write(out, 0x9F35, hex("22"));
        write(out, 0x84, AID);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, int tag, byte[] v) {
        if (tag > 0xFF) out.write(tag >>> 8);
        out.write(tag & 0xFF);
        out.write(v.length);
        out.writeBytes(v);
    }

    private static byte[] digest(String s) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)), 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
