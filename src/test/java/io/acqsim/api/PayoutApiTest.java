package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.AdminToken;
import io.acqsim.json.Json;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.metrics.Scrape;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * End to end: real emulated terminals buy on a real host whose manual clock starts on Wednesday
 * 2026-09-30; the clock API moves it across National Day; the payouts API tells who was paid when and
 * why late. Then the API's bad inputs. Tests run in order: they share one host and its clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayoutApiTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant WED_2026_09_30_0900 = OffsetDateTime.parse("2026-09-30T09:00:00+08:00").toInstant();
    static TestHost host;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        host = TestHost.startManual(TestHost.tempData(), WED_2026_09_30_0900);
        token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
        for (int n : new int[] {1, 9, 10}) {   // merchant 1 T1 PSBC, merchant 9 D1 ICBC, merchant 10 D0 ICBC
            try (EmulatedTerminal t = terminal(n)) {
                assertEquals("00", t.signOn().responseCode());
                assertEquals("00", t.cardPurchase(100_00, "6222021234567890123", "2912", "051").responseCode());
                assertEquals("00", t.qrPurchase(50_00, "6225880123456789012").responseCode());
                assertEquals("51", t.cardPurchase(1_51, "6222021234567890123", "2912", "051").responseCode(), "declines are not cleared");
            }
        }
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static EmulatedTerminal terminal(int n) {
        Profile p = n % 2 == 0 ? Profile.CUP : Profile.ISO87A;
        RequestFactory rf = new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", n), host.clock(), SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(5)), rf,
                TerminalState.inMemory());
    }

    static HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.adminPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body, token);
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    static void error(int status, String code, String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body, token);
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = Json.mapper().readTree(r.body());
        assertEquals(status, e.path("status").asInt());
        assertEquals(code, e.path("code").asText(), r.body());
        assertTrue(e.path("error").asText().length() > 5, r.body());
    }

    static JsonNode onlyPayout(String merchant) throws Exception {
        JsonNode list = ok("GET", "/api/payouts?merchant=" + merchant, null);
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    @Test
    @Order(1)
    void advancingTheClockAcrossNationalDayPaysEveryProductAtItsTime() throws Exception {
        JsonNode moved = ok("POST", "/api/clock/advance", "{\"by\":\"P9D\"}");
        assertTrue(moved.path("jobsRun").asLong() >= 9 + 3, "nine cutovers and three payouts ran: " + moved);
        assertEquals("2026-10-09T09:00:00+08:00", moved.path("clock").path("now").asText());

        JsonNode t1 = onlyPayout("M00000000000001");
        assertEquals("2026-09-30", t1.path("businessDate").asText());
        assertEquals("T1", t1.path("product").asText());
        assertEquals("PSBC", t1.path("bank").asText());
        assertEquals(2, t1.path("count").asInt());
        assertEquals(150_00, t1.path("gross").asLong());
        assertEquals(60 + 19, t1.path("fee").asLong(), "card 60 bp of 100.00, QR 38 bp of 50.00 (19)");
        assertEquals(150_00 - 79, t1.path("net").asLong());
        assertEquals("2026-10-01T10:00:00+08:00", t1.path("promisedAt").asText());
        assertEquals("2026-10-08T10:00:00+08:00", t1.path("paidAt").asText());
        assertEquals("PAID", t1.path("status").asText());
        assertEquals("PT168H", t1.path("delay").asText());
        assertEquals(1, t1.path("reasons").size());
        assertEquals("HOLIDAY", t1.path("reasons").get(0).path("code").asText());
        assertEquals("National Day", t1.path("reasons").get(0).path("detail").asText());

        JsonNode d1 = onlyPayout("M00000000000009");
        assertEquals("2026-10-01T10:00:00+08:00", d1.path("paidAt").asText());
        assertEquals("PT0S", d1.path("delay").asText());
        JsonNode d0 = onlyPayout("M00000000000010");
        assertEquals("2026-09-30T23:30:00+08:00", d0.path("paidAt").asText());

        assertEquals(t1, ok("GET", "/api/payouts/" + t1.path("id").asText(), null));
        JsonNode delayed = ok("GET", "/api/payouts?delayed=true", null);
        assertEquals(List.of("M00000000000001"), List.of(delayed.get(0).path("merchantId").asText()));
        assertEquals(1, delayed.size());
        assertTrue(Files.exists(host.dataDir().resolve("clearing/clearing-2026-09-30.csv")));
    }

    @Test
    @Order(2)
    void statsTransactionsCalendarAndMetricsAgreeWithTheLedger() throws Exception {
        JsonNode stats = ok("GET", "/api/stats", null);
        assertEquals(6, stats.path("transactions").path("approved").asLong());
        assertEquals(3, stats.path("transactions").path("declined").asLong());
        assertEquals(3, stats.path("payouts").path("paid").asLong());
        assertEquals(1, stats.path("payouts").path("delayed").asLong());

        JsonNode txns = ok("GET", "/api/transactions?merchant=M00000000000009&status=approved", null);
        assertEquals(2, txns.size());
        assertTrue(txns.get(0).path("panMasked").asText().contains("******") || txns.get(0).path("channel").asText().equals("QR"));

        JsonNode cal = ok("GET", "/api/calendar?from=2026-10-01&to=2026-10-10", null);
        JsonNode days = cal.path("days");
        assertEquals(10, days.size());
        assertEquals("HOLIDAY", days.get(2).path("kind").asText());
        assertEquals("MAKEUP_WORKDAY", days.get(9).path("kind").asText());
        assertTrue(days.get(9).path("settlementDay").asBoolean());

        HttpResponse<String> login = call("GET", "/?token=" + token, null, null);
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("<h1>acqsim</h1>") && login.body().contains("National Day"), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.adminPort() + "/"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), "the dashboard cookie replaces the token");
        assertEquals(401, call("GET", "/", null, null).statusCode());

        HttpResponse<String> metrics = call("GET", "/metrics", null, null);
        assertEquals(200, metrics.statusCode());
        assertEquals(3, Scrape.of(metrics.body()).value("acqsim_payouts{status=\"paid\"}"));
    }

    @Test
    @Order(3)
    void badRequestsGetCatalogueErrorsAndChangeNothing() throws Exception {
        String before = ok("GET", "/api/clock", null).path("now").asText();
        error(409, "CLOCK_BACKWARDS", "POST", "/api/clock/set", "{\"to\":\"2026-09-01T00:00:00+08:00\"}");
        error(409, "CLOCK_BACKWARDS", "POST", "/api/clock/advance", "{\"by\":\"-PT1H\"}");
        error(400, "BAD_REQUEST", "POST", "/api/clock/advance", "{\"by\":\"banana\"}");
        error(400, "BAD_JSON", "POST", "/api/clock/advance", "{\"by\":");
        error(400, "BAD_JSON", "POST", "/api/clock/advance", "{\"by\":\"PT1H\",\"extra\":1}");
        error(400, "BAD_REQUEST", "POST", "/api/clock/set", "{\"to\":\"yesterday\"}");
        assertEquals(before, ok("GET", "/api/clock", null).path("now").asText(), "the clock did not move");

        error(409, "CONFLICT", "POST", "/api/settlement/run", "{\"businessDate\":\"2026-10-09\"}");
        error(400, "BAD_REQUEST", "POST", "/api/settlement/run", "{\"businessDate\":\"2026-13-01\"}");
        JsonNode again = ok("POST", "/api/settlement/run", "{\"businessDate\":\"2026-09-30\"}");
        assertTrue(again.get(0).path("alreadyCleared").asBoolean());

        error(404, "UNKNOWN_PAYOUT", "GET", "/api/payouts/PO-20260930-M99999999999999", null);
        error(400, "BAD_REQUEST", "GET", "/api/payouts?status=LOST", null);
        error(400, "BAD_REQUEST", "GET", "/api/payouts?businessDate=30.09.2026", null);
        error(404, "UNKNOWN_MERCHANT", "PUT", "/api/merchants/M99999999999999/account", "{\"account\":\"6217000000000000001\"}");
        error(400, "BAD_REQUEST", "PUT", "/api/merchants/M00000000000001/account", "{\"account\":\"12-34\"}");
        error(400, "BAD_REQUEST", "GET", "/api/calendar?from=2026-10-10&to=2026-10-01", null);

        HttpResponse<String> anonymous = call("GET", "/api/payouts", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals(3, ok("GET", "/api/payouts", null).size(), "nothing was created or lost");
    }

    @Test
    @Order(4)
    void theCliDrivesTheClockSettlesAndReports() throws Exception {
        String admin = "http://127.0.0.1:" + host.adminPort();
        String data = host.dataDir().toString();
        CliHarness.Run show = CliHarness.execute("clock", "show", "--admin", admin, "--data", data);
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("clock 2026-10-09T09:00:00+08:00 (manual), business date 2026-10-09"), show.out());

        CliHarness.Run advance = CliHarness.execute("clock", "advance", "PT15H", "--admin", admin, "--data", data);
        assertEquals(0, advance.exit(), advance.err());
        assertTrue(advance.out().contains("-> 2026-10-10T00:00:00+08:00, ran 1 jobs"), advance.out());

        CliHarness.Run back = CliHarness.execute("clock", "set", "2026-10-01T00:00:00+08:00", "--admin", admin, "--data", data);
        assertEquals(2, back.exit());
        assertTrue(back.err().contains("never moves backwards"), back.err());
        CliHarness.Run badDuration = CliHarness.execute("clock", "advance", "3 days", "--admin", admin, "--data", data);
        assertEquals(2, badDuration.exit());
        assertTrue(badDuration.err().contains("'3 days' is not an ISO-8601 duration"), badDuration.err());

        CliHarness.Run settle = CliHarness.execute("settle", "--business-date", "2026-09-30", "--admin", admin, "--data", data);
        assertEquals(0, settle.exit(), settle.err());
        assertTrue(settle.out().contains("2026-09-30: already cleared, nothing changed"), settle.out());

        CliHarness.Run table = CliHarness.execute("report", "payouts", "--admin", admin, "--data", data);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("3 payouts, 1 delayed"), table.out());
        assertTrue(table.out().matches("(?s).*\\nHOLIDAY +1 +149\\.21 +7d +7d.*"), table.out());

        java.nio.file.Path csv = host.dataDir().resolve("payouts.csv");
        CliHarness.Run csvRun = CliHarness.execute("report", "payouts", "--delayed-only", "--format", "csv", "--out", csv.toString(), "--admin", admin, "--data", data);
        assertEquals(0, csvRun.exit(), csvRun.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).endsWith(",PAID,604800,HOLIDAY:604800"), lines.get(1));

        CliHarness.Run json = CliHarness.execute("report", "payouts", "--format", "json", "--admin", admin, "--data", data);
        assertEquals(3, Json.mapper().readTree(json.out()).size());
        CliHarness.Run html = CliHarness.execute("report", "payouts", "--format", "html", "--admin", admin, "--data", data);
        assertTrue(html.out().startsWith("<!DOCTYPE html>") && html.out().contains("National Day"), html.out());

        CliHarness.Run nobody = CliHarness.execute("clock", "show", "--admin", "http://127.0.0.1:1", "--data", data);
        assertEquals(2, nobody.exit());
        assertTrue(nobody.err().contains("no acqsim host answering at http://127.0.0.1:1"), nobody.err());
        CliHarness.Run noToken = CliHarness.execute("clock", "show", "--admin", admin, "--data", host.dataDir().resolve("elsewhere").toString());
        assertEquals(2, noToken.exit());
        assertTrue(noToken.err().contains("no admin token"), noToken.err());
    }

    @Test
    @Order(5)
    void scenariosAndFaultsAreLoadedListedAndClearedThroughTheApiAndCli() throws Exception {
        String admin = "http://127.0.0.1:" + host.adminPort();
        String data = host.dataDir().toString();
        java.nio.file.Path scenarios = TestHost.HOME.resolve("simulators/scenarios");
        CliHarness.Run load = CliHarness.execute("scenario", "load", scenarios.resolve("bank-upgrade.yml").toString(), "--admin", admin, "--data", data);
        assertEquals(0, load.exit(), load.err());
        assertTrue(load.out().contains("scenario psbc-core-upgrade: 1 fault\n"), load.out());
        JsonNode faults = ok("GET", "/api/faults", null);
        assertEquals(1, faults.size());
        String id = faults.get(0).path("id").asText();
        assertEquals("bank-outage", faults.get(0).path("type").asText());
        assertEquals("PSBC", faults.get(0).path("spec").path("bank").asText());

        HttpResponse<String> bad = call("POST", "/api/scenarios", "name: x\nfaults:\n  - { type: bank-outage, bank: PSBC }\n", token);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("request body:3: faults[0].from: required"), bad.body());
        error(404, "UNKNOWN_FAULT", "DELETE", "/api/faults/F-999", null);
        assertEquals(1, ok("GET", "/api/faults", null).size(), "a refused scenario switched nothing on");

        String missing = host.dataDir().resolve("no-such.yml").toString();
        for (String[] args : new String[][] {{"scenario", "load"}, {"fault", "add"}}) {
            CliHarness.Run run = CliHarness.execute(args[0], args[1], missing, "--admin", admin, "--data", data);
            assertEquals(2, run.exit(), run.out());
            assertEquals("acqsim: " + missing + ": no such file\n", run.err());
        }
        assertEquals(1, ok("GET", "/api/faults", null).size(), "a missing file switched nothing on");

        java.nio.file.Path one = host.dataDir().resolve("freeze.yml");
        Files.writeString(one, "{ type: account-frozen, merchant: M00000000000003 }\n");
        CliHarness.Run add = CliHarness.execute("fault", "add", one.toString(), "--admin", admin, "--data", data);
        assertEquals(0, add.exit(), add.err());
        CliHarness.Run list = CliHarness.execute("fault", "list", "--admin", admin, "--data", data);
        assertTrue(list.out().contains(id + " ") && list.out().contains("account-frozen"), list.out());
        CliHarness.Run clearOne = CliHarness.execute("fault", "clear", id, "--admin", admin, "--data", data);
        assertEquals(0, clearOne.exit(), clearOne.err());
        assertEquals(1, ok("GET", "/api/faults", null).size());
        CliHarness.Run clearAll = CliHarness.execute("fault", "clear", "--admin", admin, "--data", data);
        assertTrue(clearAll.out().contains("removed 1"), clearAll.out());
        assertEquals(0, ok("GET", "/api/faults", null).size());
    }
}
