package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * Online PIN against a real host: the PIN block under the PIK of the sign-on is checked with the
 * security module against the issuer's test PIN (123456 in cfg/issuer.yml), a wrong PIN is declined 55
 * by the shipped issuer rule, and the PIN block never reaches the XML message log.
 */
class PinTest {
    static Path data;
    static TestHost host;
    static TerminalMasterKeys master;

    @BeforeAll
    static void start() throws Exception {
        data = TestHost.tempData();
        Path keyFile = MacTest.writeKeyFile(data.resolve("keys-test.yml"));
        master = TerminalMasterKeys.load(keyFile);
        host = TestHost.start(data, Map.of("files.keys", keyFile.toString()));
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    static EmulatedTerminal terminal(Profile p, int n) {
        String tid = TestTerminal.tid(n);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(10)),
                new RequestFactory(p, tid, TestTerminal.mid(n), Clock.systemUTC(), TestTerminal.SHANGHAI), TerminalState.inMemory())
                .keys(TerminalKeyRing.of(master, tid, p, Packagers.load(TestHost.PACKAGERS, p)));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theRightPinIsApprovedAWrongOneDeclined55AndNoPinBlockIsLogged(Profile p) throws Exception {
        String block;
        try (EmulatedTerminal t = terminal(p, p == Profile.CUP ? 71 : 72)) {
            EmulatedTerminal.Exchange right = t.cardPurchase(1000, MacTest.PAN, "2912", "051", "123456");
            assertEquals("00", right.responseCode(), "the issuer's test PIN");
            assertTrue(right.request().hasField(52) && right.request().hasField(53));
            assertEquals("26", right.request().getString(53).substring(0, 2), "format 0, double-length 3DES PIK");
            block = HexFormat.of().withUpperCase().formatHex(right.request().getBytes(52));
            EmulatedTerminal.Exchange wrong = t.cardPurchase(1000, MacTest.PAN, "2912", "051", "654321");
            assertEquals("55", wrong.responseCode(), "incorrect PIN");
            assertEquals("00", t.cardPurchase(1000, MacTest.PAN, "2912", "021", "123456").responseCode(), "PIN with track 2 (magstripe)");
            assertEquals("00", t.cardPurchase(1000, MacTest.PAN, "2912", "051").responseCode(), "no PIN: not checked");
        }
        // the message log is written on its own thread: wait for the last exchange to be in it
        Path log = data.resolve("log/q2.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < deadline && !(text = Files.readString(log)).contains(p == Profile.CUP ? "T0000071" : "T0000072")) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        assertTrue(text.contains(p == Profile.CUP ? "T0000071" : "T0000072"), "the exchanges are in the message log");
        assertFalse(text.toUpperCase().contains(block), "the PIN block is not in the message log");
        assertFalse(text.contains(MacTest.PAN), "no full PAN in the message log");
    }
}
