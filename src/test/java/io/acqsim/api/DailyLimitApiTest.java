package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.AdminToken;
import io.acqsim.json.Json;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * End to end: the shipped Class II scenario is posted to a real host on a manual clock, a real terminal
 * of merchant 8 sells 16,000.00 on Thursday 2026-11-19, and the clock API moves on: the payout arrives
 * in two parts, 10,000.00 on Friday and the rest on Saturday, as the payouts API and the report show.
 */
class DailyLimitApiTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aClassIIAccountGetsThePayoutInPartsAndTheApiShowsThem() throws Exception {
        try (TestHost host = TestHost.startManual(TestHost.tempData(), OffsetDateTime.parse("2026-11-19T09:00:00+08:00").toInstant())) {
            String token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
            String scenario = Files.readString(TestHost.HOME.resolve("simulators/scenarios/daily-limit.yml"));
            JsonNode loaded = call(host, token, "POST", "/api/scenarios", scenario);
            String faultId = loaded.path("faults").get(0).path("id").asText();
            assertEquals("daily-limit", loaded.path("faults").get(0).path("type").asText());

            try (EmulatedTerminal t = terminal(host, 8)) {
                assertEquals("00", t.signOn().responseCode());
                assertEquals("00", t.cardPurchase(8_000_00, "6222021234567890123", "2912", "051").responseCode());
                assertEquals("00", t.cardPurchase(8_000_00, "6222021234567890123", "2912", "051").responseCode());
            }
            try (EmulatedTerminal t = terminal(host, 1)) {
                assertEquals("00", t.signOn().responseCode());
                assertEquals("00", t.cardPurchase(100_00, "6222021234567890123", "2912", "051").responseCode());
            }

            call(host, token, "POST", "/api/clock/advance", "{\"by\":\"PT26H\"}");      // Friday 11:00
            String id = "PO-20261119-M00000000000008";
            JsonNode held = call(host, token, "GET", "/api/payouts/" + id, null);
            assertEquals("HELD", held.path("status").asText());
            assertTrue(held.path("paidAt").isNull(), held.toString());
            assertEquals(16_000_00 - 96_00, held.path("net").asLong());
            assertEquals(1, held.path("parts").size(), held.toString());
            assertEquals(10_000_00, held.path("parts").get(0).path("amount").asLong());
            assertEquals("2026-11-20T10:00:00+08:00", held.path("parts").get(0).path("paidAt").asText());
            JsonNode reason = held.path("reasons").get(0);
            assertEquals("DAILY_LIMIT", reason.path("code").asText());
            assertEquals(faultId, reason.path("faultId").asText());
            assertEquals("2026-11-20T10:00:00+08:00", reason.path("from").asText());
            assertTrue(reason.path("to").isNull());
            assertEquals("Class II account (unverified): daily limit 10000.00 CNY: 10000.00 of 15904.00 paid, 5904.00 rolls over",
                    reason.path("detail").asText());

            CliHarness.Run waiting = CliHarness.execute("report", "payouts", "--admin", "http://127.0.0.1:" + host.adminPort(),
                    "--data", host.dataDir().toString());
            assertTrue(waiting.out().contains(" HELD ") && waiting.out().contains(" DAILY_LIMIT(1h+)"),
                    "the open reason shows how long it has lasted so far (10:00 to 11:00): " + waiting.out());

            call(host, token, "POST", "/api/clock/advance", "{\"by\":\"P1D\"}");        // Saturday 11:00
            JsonNode paid = call(host, token, "GET", "/api/payouts/" + id, null);
            assertEquals("PAID", paid.path("status").asText());
            assertEquals("2026-11-21T10:00:00+08:00", paid.path("paidAt").asText());
            assertEquals("PT24H", paid.path("delay").asText());
            assertEquals(2, paid.path("parts").size());
            assertEquals(5_904_00, paid.path("parts").get(1).path("amount").asLong());
            assertEquals("2026-11-21T10:00:00+08:00", paid.path("parts").get(1).path("paidAt").asText());
            assertEquals("2026-11-21T10:00:00+08:00", paid.path("reasons").get(0).path("to").asText());

            JsonNode whole = call(host, token, "GET", "/api/payouts/PO-20261119-M00000000000001", null);
            assertEquals("2026-11-20T10:00:00+08:00", whole.path("paidAt").asText());
            assertFalse(whole.has("parts"), "a payout paid whole keeps §5's fields: " + whole);

            String admin = "http://127.0.0.1:" + host.adminPort();
            String data = host.dataDir().toString();
            CliHarness.Run table = CliHarness.execute("report", "payouts", "--admin", admin, "--data", data);
            assertEquals(0, table.exit(), table.err());
            assertTrue(table.out().matches("(?s).*\\nDAILY_LIMIT +1 +15904\\.00 +1d +1d +" + faultId + "\\n.*"), table.out());
            CliHarness.Run csv = CliHarness.execute("report", "payouts", "--delayed-only", "--format", "csv", "--admin", admin, "--data", data);
            assertTrue(csv.out().contains(",PAID,86400,DAILY_LIMIT:86400:" + faultId + "\n"), csv.out());
            CliHarness.Run json = CliHarness.execute("report", "payouts", "--delayed-only", "--format", "json", "--admin", admin, "--data", data);
            assertEquals(paid.path("parts"), Json.mapper().readTree(json.out()).get(0).path("parts"));
        }
    }

    static JsonNode call(TestHost host, String token, String method, String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.adminPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    static EmulatedTerminal terminal(TestHost host, int n) {
        Profile p = n % 2 == 0 ? Profile.CUP : Profile.ISO87A;
        RequestFactory rf = new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", n), host.clock(), SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(5)), rf,
                TerminalState.inMemory());
    }
}
