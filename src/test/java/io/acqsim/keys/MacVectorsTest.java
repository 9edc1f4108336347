package io.acqsim.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.macs.ISO9797Alg3Mac;
import org.bouncycastle.crypto.paddings.ISO7816d4Padding;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jpos.security.SMAdapter;
import org.jpos.security.SecureDESKey;
import org.jpos.security.jceadapter.JCESecurityModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MAC algorithms and check values against implementations written independently of ours: X9.19
 * against BouncyCastle's lightweight {@link ISO9797Alg3Mac}, the UnionPay ECB MAC against the
 * definition in reference/DOMAIN.md §6 written here with javax.crypto alone. Keys are formed from known
 * clear values under the test LMK, so both sides use the same clear key.
 */
class MacVectorsTest {
    static final Path LMK = Path.of(System.getProperty("acqsim.home", ".")).resolve("cfg/keys/test-lmk.properties");
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final String SINGLE = "0123456789ABCDEF";
    static final String DOUBLE = "0123456789ABCDEFFEDCBA9876543210";

    static SecurityModule sm;
    static JCESecurityModule jpos;

    @BeforeAll
    static void open() throws Exception {
        sm = SecurityModule.open(LMK);
        jpos = new JCESecurityModule(LMK.toString());
    }

    static SecureDESKey underLmk(String clearHex, String type) throws Exception {
        short len = (short) (clearHex.length() * 4);
        return jpos.formKEYfromClearComponents(len, type, clearHex);
    }

    @Test
    void x919MatchesBouncyCastle() throws Exception {
        SecureDESKey mak = underLmk(DOUBLE, SMAdapter.TYPE_TAK);
        Random r = new Random(7);
        for (int len : new int[] {0, 1, 7, 8, 9, 16, 63, 64, 200}) {
            byte[] data = new byte[len];
            r.nextBytes(data);
            ISO9797Alg3Mac bc = new ISO9797Alg3Mac(new DESEngine(), new ISO7816d4Padding());
            bc.init(new KeyParameter(HEX.parseHex(DOUBLE)));
            bc.update(data, 0, data.length);
            byte[] expected = new byte[bc.getMacSize()];
            bc.doFinal(expected, 0);
            assertArrayEquals(expected, sm.macEngine(MacAlgorithm.X9_19, mak).mac(data), "X9.19 of " + len + " bytes");
        }
    }

    @Test
    void x919RefusesASingleLengthKey() throws Exception {
        SecureDESKey mak = underLmk(SINGLE, SMAdapter.TYPE_TAK);
        assertThrows(KeyException.class, () -> sm.macEngine(MacAlgorithm.X9_19, mak).mac(new byte[8]));
    }

    /** DOMAIN.md §6, step by step, with javax.crypto's DES. */
    static byte[] unionPayEcbByTheBook(byte[] clearKey, byte[] data) throws Exception {
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(clearKey, "DES"));
        int padded = (data.length + 7) / 8 * 8;
        byte[] block = new byte[Math.max(padded, 8)];
        System.arraycopy(data, 0, block, 0, data.length);
        byte[] x = new byte[8];
        for (int b = 0; b < block.length; b += 8) {
            for (int i = 0; i < 8; i++) x[i] = (byte) (x[i] ^ block[b + i]);
        }
        String hex = HEX.formatHex(x);
        byte[] left = hex.substring(0, 8).getBytes(StandardCharsets.US_ASCII);
        byte[] right = hex.substring(8).getBytes(StandardCharsets.US_ASCII);
        byte[] e = des.doFinal(left);
        for (int i = 0; i < 8; i++) e[i] = (byte) (e[i] ^ right[i]);
        e = des.doFinal(e);
        return HEX.formatHex(e).substring(0, 8).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void unionPayEcbMatchesTheDefinition() throws Exception {
        SecureDESKey mak = underLmk(SINGLE, SMAdapter.TYPE_TAK);
        Random r = new Random(11);
        for (int len : new int[] {1, 7, 8, 9, 16, 17, 100, 333}) {
            byte[] data = new byte[len];
            r.nextBytes(data);
            byte[] ours = sm.macEngine(MacAlgorithm.UNIONPAY_ECB, mak).mac(data);
            assertArrayEquals(unionPayEcbByTheBook(HEX.parseHex(SINGLE), data), ours, "UnionPay ECB MAC of " + len + " bytes");
            assertEquals(8, ours.length);
        }
    }

    @Test
    void checkValueIsTheFirstFourBytesOfTheKeyEncryptingZeros() throws Exception {
        // published check value of the test key 0123456789ABCDEF FEDCBA9876543210: 08D7B4FB...
        assertEquals("08D7B4FB", HEX.formatHex(sm.checkValue4(underLmk(DOUBLE, SMAdapter.TYPE_TMK))));
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(SINGLE), "DES"));
        byte[] expected = java.util.Arrays.copyOf(des.doFinal(new byte[8]), 4);
        assertArrayEquals(expected, sm.checkValue4(underLmk(SINGLE, SMAdapter.TYPE_TAK)));
    }

    @Test
    void field62DecryptsUnderTheTmkWithMatchingCheckValues() throws Exception {
        SecureDESKey tmk = underLmk(DOUBLE, SMAdapter.TYPE_TMK);
        Cipher tdes = Cipher.getInstance("DESede/ECB/NoPadding");
        byte[] k24 = new byte[24];
        System.arraycopy(HEX.parseHex(DOUBLE), 0, k24, 0, 16);
        System.arraycopy(HEX.parseHex(DOUBLE), 0, k24, 16, 8);
        tdes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k24, "DESede"));
        for (KeyLayout layout : KeyLayout.values()) {
            WorkingKeys keys = WorkingKeys.generate(sm, layout, MacAlgorithm.UNIONPAY_ECB);
            byte[] f62 = keys.field62(sm, tmk);
            assertEquals(layout.length(), f62.length);
            // the PIK decrypted with javax.crypto: its DES encryption of zeros starts with the check value sent after it
            int pik = layout.pikLength() / 8;
            byte[] clearPik = tdes.doFinal(java.util.Arrays.copyOf(f62, pik));
            assertArrayEquals(java.util.Arrays.copyOfRange(f62, pik, pik + 4), java.util.Arrays.copyOf(encryptZeros(clearPik), 4), layout + " PIK");
            byte[] clearMak = tdes.doFinal(java.util.Arrays.copyOfRange(f62, pik + 4, pik + 12));
            int makCv = pik + 4 + (layout == KeyLayout.SINGLE ? 8 : 16);
            assertArrayEquals(java.util.Arrays.copyOfRange(f62, makCv, makCv + 4), java.util.Arrays.copyOf(encryptZeros(clearMak), 4), layout + " MAK");
            if (layout != KeyLayout.SINGLE) assertArrayEquals(new byte[8], java.util.Arrays.copyOfRange(f62, pik + 12, pik + 20), "zeros after a single-length MAK");
            WorkingKeys back = WorkingKeys.fromField62(sm, f62, layout, MacAlgorithm.UNIONPAY_ECB, tmk);
            byte[] data = "some message".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(unionPayEcbByTheBook(clearMak, data), sm.macEngine(MacAlgorithm.UNIONPAY_ECB, back.mak()).mac(data));
            assertEquals(layout.hasTdk(), back.tdk() != null);
        }
    }

    @Test
    void aWrongTmkIsCaughtByTheCheckValues() throws Exception {
        SecureDESKey tmk = underLmk(DOUBLE, SMAdapter.TYPE_TMK);
        SecureDESKey other = underLmk("404043434545464649494A4A4C4C4F4F", SMAdapter.TYPE_TMK);
        byte[] f62 = WorkingKeys.generate(sm, KeyLayout.DOUBLE, MacAlgorithm.X9_19).field62(sm, tmk);
        assertThrows(KeyException.class, () -> WorkingKeys.fromField62(sm, f62, KeyLayout.DOUBLE, MacAlgorithm.X9_19, other));
        assertTrue(WorkingKeys.fromField62(sm, f62, KeyLayout.DOUBLE, MacAlgorithm.X9_19, tmk).mak().getKeyLength() == SecurityModule.DOUBLE);
        assertThrows(KeyException.class, () -> WorkingKeys.generate(sm, KeyLayout.SINGLE, MacAlgorithm.X9_19));
    }

    @Test
    void aPinBlockIsFormat0AndVerifiesOnlyWithItsPin() throws Exception {
        SecureDESKey pik = underLmk(DOUBLE, SMAdapter.TYPE_TPK);
        String pan = "6222021234567890123";
        byte[] block = sm.pinBlock("1234", pan, pik);
        Cipher tdes = Cipher.getInstance("DESede/ECB/NoPadding");
        byte[] k24 = new byte[24];
        System.arraycopy(HEX.parseHex(DOUBLE), 0, k24, 0, 16);
        System.arraycopy(HEX.parseHex(DOUBLE), 0, k24, 16, 8);
        tdes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k24, "DESede"));
        // ISO 9564 format 0: 0 L PIN F..F XOR 0000 + the 12 PAN digits left of the check digit
        byte[] pinField = HEX.parseHex("041234FFFFFFFFFF");
        byte[] panField = HEX.parseHex("0000" + pan.substring(pan.length() - 13, pan.length() - 1));
        byte[] clear = tdes.doFinal(block);
        for (int i = 0; i < 8; i++) assertEquals((byte) (pinField[i] ^ panField[i]), clear[i], "byte " + i);
        assertTrue(sm.pinMatches(block, pan, pik, "1234"));
        assertFalse(sm.pinMatches(block, pan, pik, "4321"));
        assertFalse(sm.pinMatches(block, "6222020000000000005", pik, "1234"));
    }

    static byte[] encryptZeros(byte[] clearKey) throws Exception {
        if (clearKey.length == 8) {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(clearKey, "DES"));
            return des.doFinal(new byte[8]);
        }
        byte[] k24 = new byte[24];
        System.arraycopy(clearKey, 0, k24, 0, 16);
        System.arraycopy(clearKey, 0, k24, 16, 8);
        Cipher tdes = Cipher.getInstance("DESede/ECB/NoPadding");
        tdes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k24, "DESede"));
        return tdes.doFinal(new byte[8]);
    }
}
