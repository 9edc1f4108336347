package io.acqsim.chip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A certification authority public key as a terminal loads it (EMV Book 2 §11.2.2), from cfg/chip/capk.yml.
 *
 * @param rid       registered application provider id, 5 bytes
 * @param index     CA public key index (9F22)
 * @param expiry    YYYYMMDD, sent as 8 ASCII characters in DF05 (as the terminals in docs/notes/chip.md expect)
 * @param checksum  SHA-1 over RID, index, modulus and exponent (DF03); checked against the data when loaded
 */
public record Capk(byte[] rid, int index, String expiry, int hashAlgorithm, int keyAlgorithm, byte[] modulus, byte[] exponent, byte[] checksum) {

    public Capk {
        if (rid.length != 5) throw new IllegalArgumentException("a RID is 5 bytes, not " + rid.length);
        if (index < 0 || index > 0xFF) throw new IllegalArgumentException("a key index is one byte");
        if (!expiry.matches("20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])")) throw new IllegalArgumentException("expiry '" + expiry + "' is not YYYYMMDD");
        if (modulus.length < 64 || modulus.length > 248) throw new IllegalArgumentException("a modulus is 64-248 bytes, not " + modulus.length);
        if (exponent.length != 1 && exponent.length != 3) throw new IllegalArgumentException("the exponent is 03 or 010001");
        byte[] expected = checksumOf(rid, index, modulus, exponent);
        if (checksum == null) {
            checksum = expected;
        } else if (!Arrays.equals(checksum, expected)) {
            throw new IllegalArgumentException("checksum " + hex(checksum) + " does not match the key data (SHA-1 gives " + hex(expected) + ")");
        }
    }

    /** EMV Book 2 §11.2.2: SHA-1 of RID || index || modulus || exponent. */
    public static byte[] checksumOf(byte[] rid, int index, byte[] modulus, byte[] exponent) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(rid);
            sha1.update((byte) index);
            sha1.update(modulus);
            sha1.update(exponent);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** "A000000333/08", how logs and errors name a key. */
    public String name() {
        return hex(rid) + "/" + String.format("%02X", index);
    }

    /** The status-query entry: 9F06 RID, 9F22 index, DF05 expiry. */
    byte[] listing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tlv.write(out, 0x9F06, rid);
        Tlv.write(out, 0x9F22, new byte[] {(byte) index});
        Tlv.write(out, 0xDF05, expiry.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The download answer's data objects, in the order of the 0810 quoted in docs/notes/chip.md. */
    public byte[] tlv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(listing());
        Tlv.write(out, 0xDF06, new byte[] {(byte) hashAlgorithm});
        Tlv.write(out, 0xDF07, new byte[] {(byte) keyAlgorithm});
        Tlv.write(out, 0xDF02, modulus);
        Tlv.write(out, 0xDF04, exponent);
        Tlv.write(out, 0xDF03, checksum);
        return out.toByteArray();
    }

    boolean is(byte[] otherRid, int otherIndex) {
        return Arrays.equals(rid, otherRid) && index == otherIndex;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }
}
