package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.AdminAuth;
import io.acqsim.admin.AdminToken;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.json.Json;

/**
 * The dashboard page and the cookie session on a real host: what the page carries (its state, the CSRF
 * token, a policy that lets only its own script run), and that the cookie alone cannot move the clock
 * or load a scenario, while the page's token and the bearer header (the CLI) can.
 */
class DashboardTest {
    static final Instant WED_2026_09_30_0900 = OffsetDateTime.parse("2026-09-30T09:00:00+08:00").toInstant();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SCENARIO = """
            name: outage
            faults:
              - { type: bank-outage, bank: PSBC, from: 2026-10-01T00:00:00+08:00, to: 2026-10-02T00:00:00+08:00 }
            """;
    static TestHost host;
    static String token;
    static String cookie;
    static HttpResponse<String> page;

    @BeforeAll
    static void start() throws Exception {
        host = TestHost.startManual(TestHost.tempData(), WED_2026_09_30_0900);
        token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
        page = send(HttpRequest.newBuilder(uri("/?token=" + token)));
        assertEquals(200, page.statusCode(), page.body());
        cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictlySameSite() {
        String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Strict") && setCookie.contains("; Path=/"), setCookie);
    }

    @Test
    void thePageCarriesItsStateAndTheCsrfToken() throws Exception {
        assertEquals(new AdminAuth(token).csrfToken(), csrfTokenOfThePage());
        JsonNode state = Json.mapper().readTree(between(page.body(), "<script type=\"application/json\" id=\"initial-state\">", "</script>"));
        assertTrue(state.path("clock").path("now").asText().startsWith("2026-09-30T"), state.toString());
        assertEquals("manual", state.path("clock").path("mode").asText());
        assertEquals(0, state.path("stats").path("transactions").path("total").asLong());
        assertTrue(state.path("faults").isArray());
        assertTrue(page.body().contains("<h1>acqsim</h1>") && page.body().contains("id=\"timeline-from\""), page.body());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow(), "the page holds the CSRF token: not cached");
    }

    @Test
    void thePolicyLetsOnlyThePagesOwnScriptRunAndNoOtherSiteFrameIt() throws Exception {
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String script = between(page.body(), "<script>", "</script>");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.contains("script-src 'sha256-" + hash + "'"), policy);
        assertTrue(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(script.contains("'X-CSRF-Token': csrf"), "the script sends the token with its writes");
    }

    @Test
    void theCookieAloneCannotMoveTheClockOrLoadAScenario() throws Exception {
        String before = clockNow();
        HttpResponse<String> move = send(HttpRequest.newBuilder(uri("/api/clock/advance")).header("Cookie", cookie)
                .header("Origin", "https://elsewhere.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"P1D\"}")));
        assertEquals(403, move.statusCode(), move.body());
        JsonNode error = Json.mapper().readTree(move.body());
        assertEquals("CSRF_TOKEN_MISSING", error.path("code").asText());
        assertEquals(403, error.path("status").asInt());
        assertEquals(before, clockNow(), "the refused request moved nothing");

        HttpResponse<String> scenario = send(HttpRequest.newBuilder(uri("/api/scenarios")).header("Cookie", cookie)
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(SCENARIO)));
        assertEquals(403, scenario.statusCode(), scenario.body());
        assertEquals(0, host.services().faults().list().size(), "no fault switched on");
    }

    @Test
    void withThePagesCsrfTokenTheCookieMovesTheClock() throws Exception {
        OffsetDateTime before = OffsetDateTime.parse(clockNow());
        HttpResponse<String> move = send(HttpRequest.newBuilder(uri("/api/clock/advance")).header("Cookie", cookie)
                .header("X-CSRF-Token", csrfTokenOfThePage()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"PT1M\"}")));
        assertEquals(200, move.statusCode(), move.body());
        OffsetDateTime after = OffsetDateTime.parse(Json.mapper().readTree(move.body()).path("to").asText());
        assertEquals(Duration.ofMinutes(1), Duration.between(before, after));
    }

    @Test
    void bearerClientsAndTheCliWorkUnchanged() throws Exception {
        OffsetDateTime before = OffsetDateTime.parse(clockNow());
        HttpResponse<String> move = send(HttpRequest.newBuilder(uri("/api/clock/advance")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"PT2M\"}")));
        assertEquals(200, move.statusCode(), move.body());
        CliHarness.Run cli = CliHarness.execute("clock", "advance", "PT3M", "--admin", "http://127.0.0.1:" + host.adminPort(),
                "--data", host.dataDir().toString());
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertEquals(Duration.ofMinutes(5), Duration.between(before, OffsetDateTime.parse(clockNow())));
    }

    // ---- helpers ----

    static String csrfTokenOfThePage() {
        Matcher m = Pattern.compile("<section id=\"live\" data-csrf=\"([0-9a-f]{64})\"").matcher(page.body());
        assertTrue(m.find(), "the page carries a CSRF token");
        return m.group(1);
    }

    static String clockNow() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/clock")).header("Authorization", "Bearer " + token));
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body()).path("now").asText();
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start);
        int to = text.indexOf(end, from + start.length());
        assertTrue(to >= 0, "no " + end + " after " + start);
        return text.substring(from + start.length(), to);
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + host.adminPort() + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
