package io.acqsim.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

import javax.crypto.Cipher;
import javax.crypto.Mac;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.security.EncryptedPIN;
import org.jpos.security.SMAdapter;
import org.jpos.security.SMException;
import org.jpos.security.SecureDESKey;
import org.jpos.security.jceadapter.JCESecurityModule;

/**
 * The key operations acqsim needs, done by jPOS's software security module ({@link JCESecurityModule})
 * with its Local Master Keys (LMK) file: keys live only encrypted under the LMK ({@link SecureDESKey});
 * generation, import and export under a TMK, check values and PIN blocks are the module's operations.
 * No logger is given to the module, so none of its operations is logged.
 * <p>
 * MACs are not computed with the module's {@code generateCBC_MAC}: jPOS 3.0.1's JCEHandler caches an
 * initialised {@code Mac} per call in a static map whose key compares the clear key by identity (a new
 * object per call), so the map grows by one entry per MAC — a leak — and every lookup scans it (measured:
 * 0.3 to 3 ms per MAC after a few thousand). Instead {@link #macEngine} takes the MAK out of the module
 * once per sign-on into an initialised engine ({@link MacEngine}) kept with the working keys: the same
 * algorithms (BouncyCastle's ISO9797ALG3MACWITHISO7816-4PADDING, as jPOS's {@code cbc-mac} default, and
 * the JDK's DES), microseconds per message.
 */
public final class SecurityModule {
    public static final short SINGLE = SMAdapter.LENGTH_DES;
    public static final short DOUBLE = SMAdapter.LENGTH_DES3_2KEY;
    static final String RETAIL_MAC = "ISO9797ALG3MACWITHISO7816-4PADDING";
    private static final byte[] ZEROS = new byte[8];

    /** jPOS's module, with access to a key's clear value for the engines (its decryptFromLMK is protected). */
    private static final class Module extends JCESecurityModule {
        Module(Properties p) throws ConfigurationException {
            super(new SimpleConfiguration(p), null, null);
        }

        Key clear(SecureDESKey k) throws SMException {
            return decryptFromLMK(k);
        }
    }

    private final Module module;
    private final Provider bouncyCastle = new BouncyCastleProvider();

    private SecurityModule(Module module) {
        this.module = module;
    }

    /** Opens the module on {@code lmkFile}; a missing or unreadable file is an {@link IllegalArgumentException} naming it. */
    public static SecurityModule open(Path lmkFile) {
        if (!Files.isRegularFile(lmkFile)) throw new IllegalArgumentException("LMK file '" + lmkFile + "' not found");
        Properties p = new Properties();
        p.setProperty("lmk", lmkFile.toAbsolutePath().toString());
        try {
            return new SecurityModule(new Module(p));
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("cannot open the security module with LMK file '" + lmkFile + "': " + rootMessage(e), e);
        }
    }

    /**
     * A key stored under the LMK, given as hex with its check value (jPOS's, 6 hex digits); throws
     * {@link KeyException} when the check value does not match, so a mistyped key never loads.
     */
    public SecureDESKey stored(short length, String type, String hexUnderLmk, String checkValue) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hexUnderLmk);
        } catch (IllegalArgumentException e) {
            throw new KeyException("not hex");
        }
        if (bytes.length * 8 != length) throw new KeyException("is " + bytes.length + " bytes, expected " + length / 8);
        SecureDESKey k = new SecureDESKey(length, type, bytes, new byte[0]);
        byte[] kcv = call(() -> module.generateKeyCheckValue(k));
        if (!HexFormat.of().formatHex(kcv).equalsIgnoreCase(checkValue)) {
            throw new KeyException("check value " + checkValue + " does not match the key (wrong key, or another LMK)");
        }
        k.setKeyCheckValue(kcv);
        return k;
    }

    /**
     * A clear key (16 or 32 hex digits, DES parity adjusted) taken under the LMK, as a key ceremony would
     * load a terminal master key; for {@code acqsim keys tmk}. The clear value is not kept.
     */
    public SecureDESKey fromClear(String clearHex, String type) {
        if (!clearHex.matches("[0-9A-Fa-f]{16}|[0-9A-Fa-f]{32}")) throw new KeyException("a clear key is 16 or 32 hex digits");
        byte[] clear = HexFormat.of().parseHex(clearHex);
        org.jpos.security.Util.adjustDESParity(clear);
        short length = (short) (clear.length * 8);
        String adjusted = HexFormat.of().withUpperCase().formatHex(clear);
        java.util.Arrays.fill(clear, (byte) 0);
        return call(() -> module.formKEYfromClearComponents(length, type, adjusted));
    }

    /** A fresh random key of {@code length} bits, under the LMK. */
    public SecureDESKey generate(short length, String type) {
        return call(() -> module.generateKey(length, type));
    }

    /** {@code key} encrypted under {@code kek} (ECB), as it travels to a terminal. */
    public byte[] export(SecureDESKey key, SecureDESKey kek) {
        return call(() -> module.exportKey(key, kek));
    }

    /** A key received encrypted under {@code kek}, taken under the LMK. */
    public SecureDESKey importKey(short length, String type, byte[] underKek, SecureDESKey kek) {
        return call(() -> module.importKey(length, type, underKek, kek, false));
    }

    /** The 4-byte check value sent with a working key: the first 4 bytes of E(key, eight zero bytes). */
    public byte[] checkValue4(SecureDESKey key) {
        try {
            return Arrays.copyOf(ecb(key).doFinal(ZEROS), 4);
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot compute a check value: " + e.getMessage(), e);
        }
    }

    /**
     * An engine that MACs with {@code mak} by {@code alg}, initialised once: the working keys keep it for
     * the requests and answers of their sign-on. X9.19 needs a double-length key.
     */
    public MacEngine macEngine(MacAlgorithm alg, SecureDESKey mak) {
        try {
            return switch (alg) {
                case UNIONPAY_ECB -> MacEngine.unionPayEcb(ecb(mak));
                case X9_19 -> {
                    if (mak.getKeyLength() != DOUBLE) throw new KeyException("X9.19 needs a double-length MAC key");
                    Mac mac = Mac.getInstance(RETAIL_MAC, bouncyCastle);
                    mac.init(call(() -> module.clear(mak)));
                    yield MacEngine.retail(mac);
                }
                case OFF -> throw new IllegalArgumentException("MAC is off");
            };
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot initialise the " + alg + " MAC: " + e.getMessage(), e);
        }
    }

    /** A DES (single length) or two-key 3DES (double length) ECB encryptor with {@code key}. */
    private Cipher ecb(SecureDESKey key) throws GeneralSecurityException {
        Key clear = call(() -> module.clear(key));
        Cipher c;
        if (key.getKeyLength() == SINGLE) {
            c = Cipher.getInstance("DES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, clear);
        } else {
            c = Cipher.getInstance("DESede/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, clear);
        }
        return c;
    }

    /** The ISO 9564 format 0 PIN block of {@code pin} for {@code pan}, encrypted under {@code pik}: what a terminal's PIN pad sends in 52. */
    public byte[] pinBlock(String pin, String pan, SecureDESKey pik) {
        // jPOS takes the 12 account digits (rightmost, check digit excluded) from the PAN itself
        return call(() -> module.encryptPIN(pin, pan, pik).getPINBlock());
    }

    /**
     * Whether the format 0 PIN block (under {@code pik}) carries {@code expectedPin}: the block is
     * translated under the LMK and compared with the expected PIN's block under the LMK, so the clear
     * PIN never leaves the module. False (not an exception) for a block that does not decode to a PIN.
     */
    public boolean pinMatches(byte[] pinBlock, String pan, SecureDESKey pik, String expectedPin) {
        try {
            EncryptedPIN underLmk = module.importPIN(new EncryptedPIN(pinBlock, SMAdapter.FORMAT00, pan, true), pik);
            EncryptedPIN expected = module.encryptPIN(expectedPin, pan, true);
            return Arrays.equals(underLmk.getPINBlock(), expected.getPINBlock());
        } catch (SMException e) {
            return false;
        }
    }

    private interface Op<T> {
        T run() throws SMException;
    }

    private static <T> T call(Op<T> op) {
        try {
            return op.run();
        } catch (SMException e) {
            throw new KeyException(rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
