package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.keys.KeyLayout;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * Working keys and MAC against a real host whose key file has MAC on for T0000001-T0000500 and off for
 * the rest of the demo range: sign-on keys decrypt under the TMK with matching check values, a good MAC
 * is approved, a wrong or missing one is answered A0 (cup) / 63 (iso87a) and so is the next request
 * until a new sign-on, and the host's response MAC verifies. (Keys across a restart: {@link WorkingKeysRestartTest}.)
 */
public class MacTest {
    /** The clear value of the shipped test TMK (cfg/keys/terminal-keys.yml). */
    static final String CLEAR_TMK = "0123456789ABCDEFFEDCBA9876543210";
    static final String PAN = "6222021234567890123";
    static Path data;
    static Path keyFile;
    static TestHost host;
    static TerminalMasterKeys master;

    @BeforeAll
    static void start() throws IOException {
        data = TestHost.tempData();
        keyFile = writeKeyFile(data.resolve("keys-test.yml"));
        master = TerminalMasterKeys.load(keyFile);
        host = TestHost.start(data, Map.of("files.keys", keyFile.toString()));
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    /** The shipped TMK and LMK, MAC on for the first half of the demo range (cup ECB, iso87a X9.19), off for the rest. */
    public static Path writeKeyFile(Path file) throws IOException {
        Path lmk = TestHost.HOME.resolve("cfg/keys/test-lmk.properties");
        Files.writeString(file, """
                lmk: %s
                ranges:
                  - first: T0000001
                    last: T0000500
                    tmk: 32333DB21AA61922041CD70B3B563C0C
                    check-value: 08D7B4
                    mac: on
                  - first: T0000501
                    last: T0001000
                    tmk: 32333DB21AA61922041CD70B3B563C0C
                    check-value: 08D7B4
                    mac: off
                """.formatted(lmk));
        return file;
    }

    static EmulatedTerminal terminal(Profile p, int n) {
        String tid = TestTerminal.tid(n);
        RequestFactory rf = new RequestFactory(p, tid, TestTerminal.mid(n), Clock.systemUTC(), TestTerminal.SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(10)), rf,
                TerminalState.inMemory()).keys(TerminalKeyRing.of(master, tid, p, Packagers.load(TestHost.PACKAGERS, p)));
    }

    static byte[] tdesDecrypt(byte[] data) throws Exception {
        byte[] k = HexFormat.of().parseHex(CLEAR_TMK);
        byte[] k24 = Arrays.copyOf(k, 24);
        System.arraycopy(k, 0, k24, 16, 8);
        Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k24, "DESede"));
        return c.doFinal(data);
    }

    static byte[] desEncryptZeros(byte[] clearKey) throws Exception {
        Cipher c = Cipher.getInstance("DES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(clearKey, "DES"));
        return c.doFinal(new byte[8]);
    }

    @ParameterizedTest
    @EnumSource(KeyLayout.class)
    void cupSignOnReturnsKeysInTheLayoutOf603ThatDecryptUnderTheTmk(KeyLayout layout) throws Exception {
        try (TestTerminal t = new TestTerminal(host, Profile.CUP, 11 + layout.ordinal())) {
            ISOMsg r = t.exchange(t.rf.signOn(t.nextStan(), 1, layout.code()));
            assertEquals("00", r.getString(39));
            byte[] f62 = r.getBytes(62);
            assertEquals(layout.length(), f62.length, "field 62 of a " + layout.code() + " sign-on");
            int pik = layout.pikLength() / 8;
            // the MAK (single length on cup) decrypted with javax.crypto under the clear TMK matches its check value
            byte[] mak = tdesDecrypt(Arrays.copyOfRange(f62, pik + 4, pik + 12));
            int cv = pik + 4 + (layout == KeyLayout.SINGLE ? 8 : 16);
            assertArrayEquals(Arrays.copyOf(desEncryptZeros(mak), 4), Arrays.copyOfRange(f62, cv, cv + 4), "MAK check value");
            assertNotNull(host.services().workingKeys().get(t.tid), "the host keeps the keys");
            assertEquals(layout, host.services().workingKeys().get(t.tid).layout());
        }
    }

    @Test
    void noKeysWhereMacIsOff() throws Exception {
        try (TestTerminal t = new TestTerminal(host, Profile.CUP, 601)) {
            ISOMsg r = t.exchange(t.rf.signOn(t.nextStan(), 1, "003"));
            assertEquals("00", r.getString(39));
            assertFalse(r.hasField(62));
            ISOMsg p = t.purchase(1000);
            assertEquals("00", p.getString(39), "no MAC needed where MAC is off");
            assertFalse(p.hasField(64));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aGoodMacIsApprovedAndTheAnswerCarriesAMacThatVerifies(Profile p) throws Exception {
        try (EmulatedTerminal t = terminal(p, p == Profile.CUP ? 21 : 22)) {
            EmulatedTerminal.Exchange e = t.cardPurchase(1000, PAN, "2912", "051");
            assertEquals(1, t.takeAutomatic().size(), "signed on for keys first");
            assertEquals("00", e.responseCode());
            int field = 64;
            assertTrue(e.request().hasField(field), "the purchase carries a MAC");
            assertTrue(e.response().hasField(field), "the answer carries a MAC");
            assertNull(e.macProblem());
            // the answer's MAC, damaged, no longer verifies
            ISOMsg tampered = new ISOMsg();
            tampered.merge(e.response());
            tampered.set(4, "000000009999");
            assertNotNull(t.keys().responseMacProblem(e.request(), tampered));
            // a reversal on iso87a has a secondary bitmap (field 90): its MAC goes in 128
            EmulatedTerminal.Exchange rev = t.reverse(e.request().getString(11));
            assertEquals("00", rev.responseCode());
            if (p == Profile.ISO87A) {
                assertTrue(rev.request().hasField(128) && !rev.request().hasField(64), "MAC in 128 with a secondary bitmap");
            }
            assertNull(rev.macProblem());
            // batch settlement and upload are MACed too
            for (EmulatedTerminal.Exchange s : t.settle()) assertNull(s.macProblem(), s.action());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aWrongMacIsRefusedAndSoIsTheNextRequestUntilANewSignOn(Profile p) throws Exception {
        String error = p == Profile.CUP ? "A0" : "63";
        int n = p == Profile.CUP ? 31 : 32;
        try (EmulatedTerminal t = terminal(p, n)) {
            assertEquals("00", t.signOn().responseCode());
            t.keys().sendWrongMacs(true);
            EmulatedTerminal.Exchange bad = t.cardPurchase(1000, PAN, "2912", "051");
            assertEquals(error, bad.responseCode());
            assertFalse(bad.response().hasField(64), "a MAC error is answered without a MAC");
            assertNull(host.services().workingKeys().get(TestTerminal.tid(n)), "the host forgot the keys");
        }
        // the same terminal, keys as before the error, good MAC but no new sign-on: still refused
        try (TestTerminal raw = new TestTerminal(host, p, n)) {
            ISOMsg m = raw.purchaseRequest(1000, "051");
            m.set(64, new byte[8]);
            assertEquals(error, raw.exchange(m).getString(39), "refused until it signs on again");
        }
        try (EmulatedTerminal t = terminal(p, n)) {
            EmulatedTerminal.Exchange again = t.cardPurchase(1000, PAN, "2912", "051");
            assertEquals("00", t.takeAutomatic().get(0).responseCode(), "a new sign-on");
            assertEquals("00", again.responseCode(), "approved after the new sign-on");
        }
    }

    @Test
    void aMissingMacIsRefused() throws Exception {
        try (TestTerminal t = new TestTerminal(host, Profile.CUP, 41)) {
            ISOMsg r = t.exchange(t.rf.signOn(t.nextStan(), 1, "003"));
            assertEquals("00", r.getString(39));
            t.batch = t.hostBatch(r);
            assertEquals("A0", t.purchase(1000).getString(39));
        }
        try (TestTerminal t = new TestTerminal(host, Profile.ISO87A, 42)) {
            t.signOn();
            assertEquals("63", t.purchase(1000).getString(39));
        }
    }
}
