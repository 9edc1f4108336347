package io.acqsim.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.security.EncryptedPIN;
import org.jpos.security.SMAdapter;
import org.jpos.security.SMException;
import org.jpos.security.SecureDESKey;
import org.jpos.security.jceadapter.JCESecurityModule;

/**
 * The key operations acqsim needs, done by jPOS's software security module ({@link JCESecurityModule})
 * with its Local Master Keys (LMK) file: keys live only encrypted under the LMK ({@link SecureDESKey}),
 * and every clear-key operation happens inside the module. No logger is given to the module, so none
 * of its operations is logged.
 * <p>
 * Two module instances share the LMK file, because a JCESecurityModule takes its MAC algorithms from
 * its configuration: {@code retail} computes ANSI X9.19 / ISO 9797-1 algorithm 3 with ISO 7816-4
 * padding (jPOS's default {@code cbc-mac}); {@code block} is configured with BouncyCastle's plain
 * DES / 3DES CBC-MAC, which over one 8-byte block with the zero IV is that block encrypted with the
 * key — the "DES-encrypt with the MAK" step of the UnionPay MAC and the check value's E(key, zeros).
 * BouncyCastle is the provider for both (jPOS depends on it; the JDK has no ISO 9797 MAC).
 */
public final class SecurityModule {
    public static final short SINGLE = SMAdapter.LENGTH_DES;
    public static final short DOUBLE = SMAdapter.LENGTH_DES3_2KEY;
    private static final String PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    private static final byte[] ZEROS = new byte[8];

    private final JCESecurityModule retail;
    private final JCESecurityModule block;

    private SecurityModule(JCESecurityModule retail, JCESecurityModule block) {
        this.retail = retail;
        this.block = block;
    }

    /** Opens the module on {@code lmkFile}; a missing or unreadable file is an {@link IllegalArgumentException} naming it. */
    public static SecurityModule open(Path lmkFile) {
        if (!Files.isRegularFile(lmkFile)) throw new IllegalArgumentException("LMK file '" + lmkFile + "' not found");
        return new SecurityModule(
                module(lmkFile, "ISO9797ALG3MACWITHISO7816-4PADDING", "DESEDEMAC64"),
                module(lmkFile, "DESMAC64", "DESEDEMAC64"));
    }

    private static JCESecurityModule module(Path lmk, String cbcMac, String edeMac) {
        Properties p = new Properties();
        p.setProperty("lmk", lmk.toAbsolutePath().toString());
        p.setProperty("provider", PROVIDER);
        p.setProperty("cbc-mac", cbcMac);
        p.setProperty("ede-mac", edeMac);
        try {
            return new JCESecurityModule(new SimpleConfiguration(p), null, null);
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("cannot open the security module with LMK file '" + lmk + "': " + rootMessage(e), e);
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
        byte[] kcv = call(() -> retail.generateKeyCheckValue(k));
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
        return call(() -> retail.formKEYfromClearComponents(length, type, adjusted));
    }

    /** A fresh random key of {@code length} bits, under the LMK. */
    public SecureDESKey generate(short length, String type) {
        return call(() -> retail.generateKey(length, type));
    }

    /** {@code key} encrypted under {@code kek} (ECB), as it travels to a terminal. */
    public byte[] export(SecureDESKey key, SecureDESKey kek) {
        return call(() -> retail.exportKey(key, kek));
    }

    /** A key received encrypted under {@code kek}, taken under the LMK. */
    public SecureDESKey importKey(short length, String type, byte[] underKek, SecureDESKey kek) {
        return call(() -> retail.importKey(length, type, underKek, kek, false));
    }

    /** The 4-byte check value sent with a working key: the first 4 bytes of E(key, eight zero bytes). */
    public byte[] checkValue4(SecureDESKey key) {
        return Arrays.copyOf(encryptBlock(key, ZEROS), 4);
    }

    /** One 8-byte block encrypted with {@code key} (DES, or two-key 3DES for a double-length key). */
    public byte[] encryptBlock(SecureDESKey key, byte[] eightBytes) {
        if (eightBytes.length != 8) throw new IllegalArgumentException("a DES block is 8 bytes, not " + eightBytes.length);
        return key.getKeyLength() == SINGLE
                ? call(() -> block.generateCBC_MAC(eightBytes, key))
                : call(() -> block.generateEDE_MAC(eightBytes, key));
    }

    /** ANSI X9.19 / ISO 9797-1 MAC algorithm 3 (padding method 2) of {@code data} with a double-length key. */
    public byte[] retailMac(byte[] data, SecureDESKey mak) {
        if (mak.getKeyLength() != DOUBLE) throw new KeyException("X9.19 needs a double-length MAC key");
        return call(() -> retail.generateCBC_MAC(data, mak));
    }

    /** The ISO 9564 format 0 PIN block of {@code pin} for {@code pan}, encrypted under {@code pik}: what a terminal's PIN pad sends in 52. */
    public byte[] pinBlock(String pin, String pan, SecureDESKey pik) {
        // jPOS takes the 12 account digits (rightmost, check digit excluded) from the PAN itself
        return call(() -> retail.encryptPIN(pin, pan, pik).getPINBlock());
    }

    /**
     * Whether the format 0 PIN block (under {@code pik}) carries {@code expectedPin}: the block is
     * translated under the LMK and compared with the expected PIN's block under the LMK, so the clear
     * PIN never leaves the module. False (not an exception) for a block that does not decode to a PIN.
     */
    public boolean pinMatches(byte[] pinBlock, String pan, SecureDESKey pik, String expectedPin) {
        try {
            EncryptedPIN underLmk = retail.importPIN(new EncryptedPIN(pinBlock, SMAdapter.FORMAT00, pan, true), pik);
            EncryptedPIN expected = retail.encryptPIN(expectedPin, pan, true);
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
