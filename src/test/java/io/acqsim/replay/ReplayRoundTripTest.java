package io.acqsim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Json;
import io.acqsim.cli.CliHarness;
import io.acqsim.clock.ClockMode;
import io.acqsim.host.TestHost;

/**
 * Host A serves a day of both profiles — purchases approved and declined, a void, a refund, reversals
 * (repeated), a balanced settlement and an unbalanced one with its batch upload — and writes its own
 * log with masked PANs. That log, replayed against a fresh host B with --compare, matches; against a host
 * whose issuer answers differently, it does not, and the report says which field and values.
 */
class ReplayRoundTripTest {
    private static final Path HOME = TestHost.HOME;
    private static final List<String> SCRIPTS = List.of("merchant-day.yml", "reversal-storm.yml", "unbalanced-settlement.yml");

    @TempDir
    static Path dir;
    static Path log;

    @BeforeAll
    static void recordADay() throws Exception {
        Path dataA = dir.resolve("a");
        try (TestHost a = TestHost.start(dataA)) {
            for (String profile : List.of("iso87a", "cup")) {
                for (String script : SCRIPTS) {
                    CliHarness.Run r = CliHarness.execute("terminal", "--script", HOME.resolve("simulators").resolve(script).toString(),
                            "--profile", profile, "--port", String.valueOf(a.port(io.acqsim.iso.Profile.of(profile))),
                            "--data", dir.resolve("terminals-" + profile).toString());
                    assertEquals(0, r.exit(), script + " on " + profile + ":\n" + r.out() + r.err());
                }
            }
        }
        log = dataA.resolve("log/q2.log");
        assertTrue(Files.size(log) > 0);
    }

    private static CliHarness.Run replay(TestHost b, String profile, String... more) {
        List<String> args = new ArrayList<>(List.of("replay", "--input", log.toString(), "--profile", profile,
                "--target", "127.0.0.1:" + b.port(io.acqsim.iso.Profile.of(profile))));
        args.addAll(List.of(more));
        if (!args.contains("--timeout")) args.addAll(List.of("--timeout", "10s"));
        return CliHarness.execute(args.toArray(String[]::new));
    }

    @Test
    void theHostsOwnLogReplaysAgainstAFreshHostAndMatchesOnBothProfiles() throws Exception {
        String logText = Files.readString(log);
        assertFalse(logText.contains("6222021234567890123"), "A's log holds no full PAN");
        Path report = dir.resolve("match.json");
        try (TestHost b = TestHost.start(dir.resolve("b"))) {
            for (String profile : List.of("iso87a", "cup")) {
                CliHarness.Run r = replay(b, profile, "--compare", "--report", report.toString());
                assertEquals(0, r.exit(), r.out() + r.err());
                JsonNode j = Json.mapper().readTree(report.toFile());
                assertTrue(j.path("sent").asLong() >= 60, r.out());
                assertEquals(j.path("sent").asLong(), j.path("matched").asLong(), r.out());
                assertEquals(0, j.path("mismatched").asLong());
                assertTrue(j.path("requestsByMti").has("0400"), "reversals replayed: " + j.path("requestsByMti"));
                assertTrue(j.path("requestsByMti").has("0320"), "the batch upload replayed: " + j.path("requestsByMti"));
            }
            String logB = Files.readString(b.dataDir().resolve("log/q2.log"));
            assertFalse(Pattern.compile("\\b622202\\d{9,13}\\b").matcher(logB).find(), "B's log holds no full test PAN either");
        }
    }

    @Test
    void aChangedIssuerRuleMakesTheReplayMismatchAndTheReportNamesField39() throws Exception {
        // host B's issuer answers 05 where A's answered 51 (amounts ending in 51)
        try (TestHost b = TestHost.start(dir.resolve("b2"), Map.of(), Map.of("rules(0).answer", "05"), ClockMode.REAL, null)) {
            Path html = dir.resolve("mismatch.html");
            CliHarness.Run r = replay(b, "iso87a", "--compare", "--report", html.toString());
            assertEquals(1, r.exit(), r.out() + r.err());
            Matcher m = Pattern.compile("39: (\\d+) \\(51→05 ×(\\d+)\\)").matcher(r.out());
            assertTrue(m.find(), r.out());
            assertEquals(m.group(1), m.group(2));
            assertTrue(r.out().contains("field 39: expected 51, got 05"), r.out());
            String page = Files.readString(html);
            assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("51→05"), page);
        }
    }

    @Test
    void answersTheTargetSendsTwiceAreExtraAndAnswersItDropsAreMissing() throws Exception {
        // host C answers the first two purchases twice and drops the answer of the next one
        Path scenario = dir.resolve("duplicate.yml");
        Files.writeString(scenario, """
                name: answers-twice
                faults:
                  - type: network
                    link: terminal
                    action: duplicate
                    direction: response
                    match: { mti: "0200", tid: T0000001, first: 2 }
                  - type: network
                    link: terminal
                    action: drop-response
                    match: { mti: "0200", tid: T0000003, first: 1 }
                """);
        try (TestHost c = TestHost.start(dir.resolve("c"))) {
            CliHarness.Run load = CliHarness.execute("scenario", "load", scenario.toString(), "--admin", "http://127.0.0.1:" + c.adminPort(),
                    "--data", c.dataDir().toString());
            assertEquals(0, load.exit(), load.out() + load.err());
            Path report = dir.resolve("extra.json");
            CliHarness.Run r = replay(c, "iso87a", "--compare", "--timeout", "2s", "--report", report.toString());
            assertEquals(1, r.exit(), r.out() + r.err());
            JsonNode j = Json.mapper().readTree(report.toFile());
            assertEquals(2, j.path("extraAnswers").asLong(), r.out());
            assertEquals(1, j.path("noAnswer").asLong(), r.out());
            assertTrue(r.out().contains("no answer (expected 0210)"), r.out());
            assertTrue(r.out().contains("unexpected answer 0210"), r.out());
        }
    }
}
