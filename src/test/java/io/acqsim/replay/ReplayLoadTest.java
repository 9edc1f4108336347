package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.json;
import static io.acqsim.replay.ReplayTesting.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/**
 * What {@code acqsim load} made host A log — four terminals at full speed, purchases, QR purchases,
 * refunds and voids naming the RRNs A gave — replayed at --pace max against a fresh host B: every
 * exchange matches, so the RRNs B gives are carried into the voids and refunds of every terminal.
 */
class ReplayLoadTest {
    @TempDir
    Path dir;

    @Test
    void aLoadRunsLogReplaysAgainstAFreshHostAndMatches() throws Exception {
        CliHarness.Run load;
        try (TestHost a = TestHost.start(dir.resolve("a"))) {
            load = CliHarness.execute("load", "--port", String.valueOf(a.port(Profile.ISO87A)), "--terminals", "4", "--tps", "max",
                    "--duration", "2s", "--mix", "purchase=50,qr=10,refund=20,void=20");
            assertEquals(0, load.exit(), load.out() + load.err());
        }
        Path log = dir.resolve("a/log/q2.log");
        Matcher kinds = Pattern.compile("sent +(\\d+) \\(purchase (\\d+), qr (\\d+), refund (\\d+), void (\\d+)\\)").matcher(load.out());
        assertTrue(kinds.find(), load.out());
        long loadSent = Long.parseLong(kinds.group(1));
        long cardPurchases = Long.parseLong(kinds.group(2));
        assertTrue(Long.parseLong(kinds.group(4)) > 0 && Long.parseLong(kinds.group(5)) > 0, "the load sent refunds and voids:\n" + load.out());
        assertTrue(Pattern.compile("approved +" + loadSent + "\n").matcher(load.out()).find(),
                "A approved everything, so every refund and void found its sale:\n" + load.out());

        Path report = dir.resolve("replay.json");
        CliHarness.Run r;
        try (TestHost b = TestHost.start(dir.resolve("b"))) {
            r = replay("--input", log.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + b.port(Profile.ISO87A), "--pace", "max",
                    "--compare", "--timeout", "10s", "--report", report.toString());
        }
        JsonNode j = json(report);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertNoStackTrace(r);
        long sent = j.path("sent").asLong();
        assertEquals(loadSent + 4, sent, "the load's requests and four sign-ons: " + r.out());
        assertEquals(sent, j.path("matched").asLong(), r.out());
        assertEquals(sent, j.path("answered").asLong(), r.out());
        assertEquals(0, j.path("mismatched").asLong(), r.out());
        assertEquals(0, j.path("orphanResponses").asLong(), r.out());
        assertEquals(4, j.path("requestsByMti").path("0800").asLong(), "four sign-ons: " + j.path("requestsByMti"));
        assertEquals(sent - 4, j.path("requestsByMti").path("0200").asLong(), "the rest are financial: " + j.path("requestsByMti"));
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%,d masked cards given test PANs", cardPurchases)),
                "A's log masked the card of every card purchase: " + r.out());
    }
}
