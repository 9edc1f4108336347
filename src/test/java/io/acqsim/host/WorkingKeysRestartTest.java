package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/** A terminal's working keys are in the data directory: after a host restart its MACs still verify, until a new sign-on replaces them. */
class WorkingKeysRestartTest {
    static final String PAN = MacTest.PAN;

    static EmulatedTerminal terminal(TestHost h, TerminalState state, TerminalKeyRing ring) {
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", h.port(Profile.CUP), Profile.CUP, TestHost.PACKAGERS,
                Duration.ofSeconds(10)), new RequestFactory(Profile.CUP, "T0000051", TestTerminal.mid(51), Clock.systemUTC(),
                TestTerminal.SHANGHAI), state).keys(ring);
    }

    @Test
    void keysSurviveARestartAndANewSignOnReplacesThem() throws Exception {
        Path d = TestHost.tempData();
        Path keyFile = MacTest.writeKeyFile(d.resolve("keys-test.yml"));
        TerminalMasterKeys master = TerminalMasterKeys.load(keyFile);
        Map<String, String> o = Map.of("files.keys", keyFile.toString());
        TerminalKeyRing ring = TerminalKeyRing.of(master, "T0000051", Profile.CUP, Packagers.load(TestHost.PACKAGERS, Profile.CUP));
        TerminalState state = TerminalState.inMemory();
        byte[] before;
        try (TestHost h = TestHost.start(d, o); EmulatedTerminal t = terminal(h, state, ring)) {
            assertEquals("00", t.signOn().responseCode());
            before = ring.keys().mak().getKeyBytes();
        }
        assertTrue(Files.isRegularFile(d.resolve("keys/T0000051.properties")), "stored in the data directory");
        try (TestHost h = TestHost.start(d, o); EmulatedTerminal again = terminal(h, state, ring)) {
            EmulatedTerminal.Exchange e = again.cardPurchase(1000, PAN, "2912", "051");
            assertTrue(again.takeAutomatic().isEmpty(), "no new sign-on needed");
            assertEquals("00", e.responseCode(), "the keys of the sign-on before the restart still MAC");
            assertNull(e.macProblem());
            assertEquals("00", again.signOn().responseCode());
            assertFalse(Arrays.equals(before, h.services().workingKeys().get("T0000051").mak().getKeyBytes()), "a new sign-on replaced the keys");
            assertEquals("00", again.cardPurchase(1000, PAN, "2912", "051").responseCode(), "and the new keys MAC");
        }
    }
}
