package io.acqsim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Json;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/**
 * README "Reproducing an incident", as a user runs it: the shipped National Day week
 * (simulators/logs/national-day-week.log, both profiles) replayed with --follow-clock into a fresh host on
 * a manual clock under simulators/scenarios/national-day-incident.yml, then the clock advanced. Every
 * sale lands on its recorded business date, and settlement gives the delays the README states.
 */
class IncidentReplayTest {
    private static final Path LOG = TestHost.HOME.resolve("simulators/logs/national-day-week.log");
    private static final Path SCENARIO = TestHost.HOME.resolve("simulators/scenarios/national-day-incident.yml");

    @TempDir
    Path dir;

    @Test
    void aReplayedWeekLandsOnItsBusinessDatesAndSettlesWithTheRecordedDelays() throws Exception {
        try (TestHost host = TestHost.startManual(dir.resolve("host"), Instant.parse("2026-09-28T00:00:00Z"))) {
            String admin = "http://127.0.0.1:" + host.adminPort();
            String data = host.dataDir().toString();
            CliHarness.Run load = CliHarness.execute("scenario", "load", SCENARIO.toString(), "--admin", admin, "--data", data);
            assertEquals(0, load.exit(), load.out() + load.err());

            CliHarness.Run replay = CliHarness.execute("replay", "--input", LOG.toString(),
                    "--target", "cup=127.0.0.1:" + host.port(Profile.CUP), "--target", "iso87a=127.0.0.1:" + host.port(Profile.ISO87A),
                    "--follow-clock", admin, "--data", data, "--compare", "--timeout", "10s");
            assertEquals(0, replay.exit(), replay.out() + replay.err());
            assertTrue(replay.out().contains("85 requests sent"), replay.out());
            assertTrue(replay.out().contains("0 requests recorded before the host's clock"), replay.out());
            assertEquals("2026-10-04T21:00+08:00", host.clock().instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString(),
                    "the clock stands at the last recorded request");

            CliHarness.Run advance = CliHarness.execute("clock", "advance", "P5D", "--admin", admin, "--data", data);
            assertEquals(0, advance.exit(), advance.out() + advance.err());
            CliHarness.Run report = CliHarness.execute("report", "payouts", "--format", "json", "--admin", admin, "--data", data);
            assertEquals(0, report.exit(), report.err());
            JsonNode payouts = Json.mapper().readTree(report.out());

            Set<String> dates = new TreeSet<>();
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode p : payouts) {
                dates.add(p.path("businessDate").asText());
                byId.put(p.path("id").asText(), p);
                assertEquals("PAID", p.path("status").asText(), p.toString());
            }
            assertEquals(35, payouts.size(), "five merchants, seven business dates");
            assertEquals(Set.of("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"), dates);

            // Wed 09-30, PSBC T1: a week of National Day, then six hours of the bank's upgrade
            JsonNode psbc = byId.get("PO-20260930-M00000000000001");
            assertEquals("2026-10-08T16:00:00+08:00", psbc.path("paidAt").asText());
            assertEquals("PT174H", psbc.path("delay").asText());
            assertEquals("HOLIDAY", psbc.path("reasons").get(0).path("code").asText());
            assertEquals("BANK_OUTAGE", psbc.path("reasons").get(1).path("code").asText());
            assertEquals("F-1", psbc.path("reasons").get(1).path("faultId").asText());
            // the same day at ICBC: the holiday only
            JsonNode icbc = byId.get("PO-20260930-M00000000000006");
            assertEquals("2026-10-08T10:00:00+08:00", icbc.path("paidAt").asText());
            assertEquals(1, icbc.path("reasons").size());
            // D1 and D0 are paid through the holiday
            assertEquals("PT0S", byId.get("PO-20261001-M00000000000009").path("delay").asText());
            assertEquals("2026-10-01T23:30:00+08:00", byId.get("PO-20261001-M00000000000010").path("paidAt").asText());
            // a refund recorded on Fri 10-02 at merchant 2 stays on its date: 175.12 + 300.00 of sales, 45.00 refunded, 1.86 fees
            assertEquals(42926, byId.get("PO-20261002-M00000000000002").path("net").asLong());
            long delayed = 0;
            for (JsonNode p : payouts) if (!"PT0S".equals(p.path("delay").asText())) delayed++;
            assertEquals(15, delayed);
        }
    }
}
