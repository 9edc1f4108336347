package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.json;
import static io.acqsim.replay.ReplayTesting.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.capture.TcpCaptureWriter;
import io.acqsim.cli.CliHarness;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.proxy.FaultProxy;

/**
 * A merchant's day on each profile, through the fault proxy with a capture (what {@code acqsim proxy
 * --capture} does) in front of host A; each profile's pcapng, replayed against a fresh host B with
 * --compare, matches exchange for exchange. The capture holds full card numbers, which replay sends as
 * they are: B still logs them masked. A dry run of a capture counts its messages.
 */
class CaptureReplayTest {
    private static final String PAN = "6222021234567890123";
    /** merchant-day.yml: sign-on, 20 purchases, echo, void, refund, settlement. */
    private static final int REQUESTS = 25;

    @TempDir
    static Path dir;
    static final Map<Profile, Path> captures = new EnumMap<>(Profile.class);

    @BeforeAll
    static void captureADay() throws Exception {
        try (TestHost a = TestHost.start(dir.resolve("a"))) {
            for (Profile p : List.of(Profile.ISO87A, Profile.CUP)) {
                Path pcapng = dir.resolve("day-" + p.id() + ".pcapng");
                FaultProxy.Config config = FaultProxy.Config.of(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", a.port(p)), p,
                        new FaultRegistry(1)).withPackagers(TestHost.PACKAGERS).withCapture(TcpCaptureWriter.pcapng(pcapng));
                try (FaultProxy proxy = FaultProxy.start(config)) {
                    CliHarness.Run r = CliHarness.execute("terminal", "--script", TestHost.HOME.resolve("simulators/merchant-day.yml").toString(),
                            "--profile", p.id(), "--port", String.valueOf(proxy.port()), "--data", dir.resolve("terminals-" + p.id()).toString());
                    assertEquals(0, r.exit(), p + " through the proxy:\n" + r.out() + r.err());
                }
                // closing the proxy closed (and flushed) the capture
                byte[] bytes = Files.readAllBytes(pcapng);
                // iso87a carries the PAN as ASCII digits, cup as BCD
                String content = p == Profile.CUP ? ISOUtil.hexString(bytes) : new String(bytes, StandardCharsets.ISO_8859_1);
                assertTrue(content.contains(PAN), "the " + p + " capture holds the full card number");
                captures.put(p, pcapng);
            }
        }
    }

    @Test
    void aDryRunOfACaptureCountsItsMessages() {
        for (Profile p : captures.keySet()) {
            CliHarness.Run r = replay("--input", captures.get(p).toString(), "--profile", p.id(), "--dry-run");
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("dry run: " + 2 * REQUESTS + " messages read"), r.out());
            assertTrue(r.out().contains("requests " + REQUESTS + ": "), r.out());
            assertTrue(r.out().contains(p == Profile.CUP ? "0200 ×21, 0220 ×1, 0500 ×1, 0800 ×1, 0820 ×1" : "0200 ×22, 0500 ×1, 0800 ×2"), r.out());
            assertTrue(r.out().contains("paired with a recorded response " + REQUESTS + " · without one 0 · responses without a request 0"), r.out());
            assertTrue(r.out().contains("TIDs 1: T0000001"), r.out());
            assertTrue(r.out().contains("records skipped (could not be read): 0"), r.out());
            assertFalse(r.out().contains("time span: no times"), "a capture has times: " + r.out());
            assertFalse((r.out() + r.err()).contains(PAN), r.out());
        }
    }

    @Test
    void eachProfilesCaptureReplaysAgainstAFreshHostAndMatches() throws Exception {
        Path dataB = dir.resolve("b");
        try (TestHost b = TestHost.start(dataB)) {
            for (Profile p : List.of(Profile.ISO87A, Profile.CUP)) {
                Path report = dir.resolve("replay-" + p.id() + ".json");
                CliHarness.Run r = replay("--input", captures.get(p).toString(), "--profile", p.id(), "--target", "127.0.0.1:" + b.port(p),
                        "--compare", "--timeout", "10s", "--report", report.toString());
                assertEquals(0, r.exit(), p + ":\n" + r.out() + r.err());
                assertNoStackTrace(r);
                JsonNode j = json(report);
                assertEquals(2 * REQUESTS, j.path("messagesRead").asInt(), r.out());
                assertEquals(REQUESTS, j.path("sent").asInt(), r.out());
                assertEquals(REQUESTS, j.path("matched").asInt(), r.out());
                assertEquals(0, j.path("mismatched").asInt(), r.out());
                assertEquals(0, j.path("skipped").asInt(), r.out());
                assertTrue(r.out().contains("0 masked cards given test PANs"), "the capture's card numbers are sent as they are: " + r.out());
                assertFalse((r.out() + r.err() + Files.readString(report)).contains(PAN), "replay prints no full card number");
            }
        }
        String q2 = Files.readString(dataB.resolve("log/q2.log"));
        assertTrue(q2.contains("622202_________0123"), "B logged the replayed card purchases, masked");
        assertFalse(q2.contains(PAN), "B's log holds no full card number");
    }
}
