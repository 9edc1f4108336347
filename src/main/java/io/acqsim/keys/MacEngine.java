package io.acqsim.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * One MAK ready to MAC messages: an initialised JCE engine, made once per sign-on by
 * {@link SecurityModule#macEngine}. Thread-safe (one message at a time per engine); the clear key
 * exists only inside the engine. {@code toString} names the algorithm only.
 */
public final class MacEngine {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final MacAlgorithm algorithm;
    private final Cipher des;
    private final Mac mac;

    private MacEngine(MacAlgorithm algorithm, Cipher des, Mac mac) {
        this.algorithm = algorithm;
        this.des = des;
        this.mac = mac;
    }

    static MacEngine unionPayEcb(Cipher desEncryptor) {
        return new MacEngine(MacAlgorithm.UNIONPAY_ECB, desEncryptor, null);
    }

    static MacEngine retail(Mac iso9797Alg3) {
        return new MacEngine(MacAlgorithm.X9_19, null, iso9797Alg3);
    }

    public MacAlgorithm algorithm() {
        return algorithm;
    }

    /** The 8-byte MAC of {@code data} (a MAC block). */
    public synchronized byte[] mac(byte[] data) {
        try {
            return algorithm == MacAlgorithm.X9_19 ? mac.doFinal(data) : unionPayEcb(data);
        } catch (GeneralSecurityException e) {
            throw new KeyException("MAC failed: " + e.getMessage(), e);
        }
    }

    /**
     * The UnionPay POS "ECB" MAC (reference/DOMAIN.md §6): the zero-padded 8-byte blocks XORed
     * together, written as 16 upper-case hex characters; the first 8 encrypted with the MAK, XORed with
     * the last 8, encrypted again; the first 8 hex characters of that are the MAC.
     */
    private byte[] unionPayEcb(byte[] data) throws GeneralSecurityException {
        byte[] x = new byte[8];
        for (int i = 0; i < data.length; i++) x[i & 7] ^= data[i];
        byte[] hex = HEX.formatHex(x).getBytes(StandardCharsets.US_ASCII);
        byte[] e = des.doFinal(Arrays.copyOf(hex, 8));
        for (int i = 0; i < 8; i++) e[i] ^= hex[8 + i];
        e = des.doFinal(e);
        return HEX.formatHex(e).substring(0, 8).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "MacEngine[" + algorithm + "]";
    }
}
