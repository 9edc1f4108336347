package io.acqsim.chip;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TEST authorisation response cryptogram: EMV Book 2 ARPC method 1,
 * {@code ARPC = 3DES(K, ARQC XOR (ARC || 00 00 00 00 00 00))}, with one TEST double-length key K for
 * every card (cfg/chip/chip.yml, {@code issuer-key}): no card master key derivation and no session key.
 * Real cards reject it, as they must; the emulated terminal and test kernels that know the key can check it.
 */
public final class Arpc {
    private final SecretKeySpec key;

    /** @param key16 the TEST double-length key (16 bytes), used as K1 K2 K1 */
    public Arpc(byte[] key16) {
        if (key16.length != 16) throw new IllegalArgumentException("the issuer key must be 16 bytes (double-length DES), not " + key16.length);
        byte[] k = Arrays.copyOf(key16, 24);
        System.arraycopy(key16, 0, k, 16, 8);
        this.key = new SecretKeySpec(k, "DESede");
    }

    /**
     * The 8-byte ARPC for {@code arqc} (8 bytes) and {@code arc} (the two ASCII characters of the
     * response code, as tag 8A carries them).
     */
    public byte[] compute(byte[] arqc, byte[] arc) {
        if (arqc.length != 8) throw new IllegalArgumentException("an ARQC is 8 bytes, not " + arqc.length);
        if (arc.length != 2) throw new IllegalArgumentException("an ARC is 2 bytes, not " + arc.length);
        byte[] block = arqc.clone();
        block[0] ^= arc[0];
        block[1] ^= arc[1];
        try {
            Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key);
            return c.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DESede is not available: " + e.getMessage(), e);
        }
    }

    /** The key check value (first 3 bytes of the key's encryption of eight zero bytes), for docs and logs. */
    public byte[] checkValue() {
        try {
            Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key);
            return Arrays.copyOf(c.doFinal(new byte[8]), 3);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DESede is not available: " + e.getMessage(), e);
        }
    }
}
