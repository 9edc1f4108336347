package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.json;
import static io.acqsim.replay.ReplayTesting.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.MacTest;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Replay where MAC is on: a MACed load's log replayed against a fresh host signs on with the key file's
 * TMKs and re-MACs every request, so every exchange matches; a recorded request whose chip data (55)
 * the log masked is reported as not replayable instead of being sent.
 */
class ReplayMacTest {
    @TempDir
    Path dir;

    @Test
    @Tag("slow")
    void aMacedLoadReplaysWithTheKeyFile() throws Exception {
        Path keys = MacTest.writeKeyFile(Files.createDirectories(dir.resolve("cfg")).resolve("keys.yml"));
        Map<String, String> macOn = Map.of("files.keys", keys.toString());
        CliHarness.Run load;
        try (TestHost a = TestHost.start(dir.resolve("a"), macOn)) {
            load = CliHarness.execute("load", "--port", String.valueOf(a.port(Profile.CUP)), "--profile", "cup", "--terminals", "3",
                    "--tps", "max", "--duration", "2s", "--mix", "purchase=60,refund=20,void=20", "--keys", keys.toString());
            assertEquals(0, load.exit(), load.out() + load.err());
        }
        Path report = dir.resolve("replay.json");
        CliHarness.Run r;
        try (TestHost b = TestHost.start(dir.resolve("b"), macOn)) {
            r = replay("--input", dir.resolve("a/log/q2.log").toString(), "--profile", "cup", "--target", "127.0.0.1:" + b.port(Profile.CUP),
                    "--pace", "max", "--compare", "--timeout", "10s", "--report", report.toString(), "--keys", keys.toString());
        }
        JsonNode j = json(report);
        assertNoStackTrace(r);
        long sent = j.path("sent").asLong();
        assertTrue(sent > 50, r.out());
        assertEquals(sent, j.path("answered").asLong(), r.out());
        assertEquals(sent, j.path("matched").asLong(), "every re-MACed request answered as recorded: " + r.out());
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void aRequestWhoseChipDataWasMaskedIsNotReplayable() throws Exception {
        try (TestHost a = TestHost.start(dir.resolve("a"))) {
            RequestFactory rf = new RequestFactory(Profile.CUP, "T0000081", "M00000000000001", Clock.systemUTC(), java.time.ZoneId.of("Asia/Shanghai"));
            try (TerminalLink link = a.connect(Profile.CUP)) {
                ISOMsg on = link.exchange(rf.signOn("000001", 1));
                int batch = Integer.parseInt(on.getString(60).substring(2, 8));
                ISOMsg chip = rf.cardPurchase("000002", batch, 1000, "6222021234567890123", "2912", "051");
                chip.set(55, new byte[] {(byte) 0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8});
                assertEquals("00", link.exchange(chip).getString(39));
                assertEquals("00", link.exchange(rf.cardPurchase("000003", batch, 1000, "6222021234567890123", "2912", "051")).getString(39));
            }
        }
        CliHarness.Run r;
        try (TestHost b = TestHost.start(dir.resolve("b"))) {
            r = replay("--input", dir.resolve("a/log/q2.log").toString(), "--profile", "cup", "--target", "127.0.0.1:" + b.port(Profile.CUP),
                    "--pace", "max", "--timeout", "10s");
        }
        assertNoStackTrace(r);
        assertEquals(2, r.exit(), "a request left unsent: " + r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("not replayable: field 55 (chip data) was masked in the log"), r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("6222021234567890123"), "no full PAN in the output");
    }
}
