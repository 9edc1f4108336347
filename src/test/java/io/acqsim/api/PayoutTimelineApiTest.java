package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.AdminToken;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.json.Json;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * {@code GET /api/payouts/timeline.svg} on a real host: real terminals of merchants 1 (T1, PSBC) and 10
 * (D0, ICBC) sell on Wednesday 2026-09-30, a PSBC outage is added for 8 October, and the clock moves to
 * Friday 9 October. The picture of the last 14 days shows merchant 1's payout late for National Day
 * and then the outage (its id on the band), merchant 10's on time; bad dates are catalogue errors; the
 * CLI's HTML report draws the same bands from the API; the dashboard's report lists the payouts of the
 * timeline's range only, which follows the clock.
 */
class PayoutTimelineApiTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theTimelineShowsTheHostsPayoutsCalendarAndFaults() throws Exception {
        try (TestHost host = TestHost.startManual(TestHost.tempData(), OffsetDateTime.parse("2026-09-30T09:00:00+08:00").toInstant())) {
            String token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
            for (int n : new int[] {1, 10}) {
                try (EmulatedTerminal t = terminal(host, n)) {
                    assertEquals("00", t.signOn().responseCode());
                    assertEquals("00", t.cardPurchase(100_00, "6222021234567890123", "2912", "051").responseCode());
                }
            }
            JsonNode added = json(call(host, token, "POST", "/api/faults", "{\"type\":\"bank-outage\",\"bank\":\"PSBC\",\"detail\":\"core upgrade\","
                    + "\"from\":\"2026-10-08T08:00:00+08:00\",\"to\":\"2026-10-08T15:30:00+08:00\"}"), 200);
            String outage = added.get(0).path("id").asText();
            json(call(host, token, "POST", "/api/clock/advance", "{\"by\":\"P9D\"}"), 200);

            HttpResponse<String> r = call(host, token, "GET", "/api/payouts/timeline.svg", null);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"), r.headers().toString());
            Document svg = parse(r.body());
            assertEquals("payout-timeline", svg.getDocumentElement().getAttribute("id"));
            assertTrue(r.body().contains("Payouts 2026-09-26 to 2026-10-09"), "the last 14 days up to the clock's date");
            String late = "PO-20260930-M00000000000001";
            assertEquals(1, count(svg, "//*[contains(@class,'reason-HOLIDAY') and @data-payout='" + late + "']"), r.body());
            assertEquals(1, count(svg, "//*[contains(@class,'reason-BANK_OUTAGE') and @data-payout='" + late + "']"), r.body());
            assertEquals(1, count(svg, "//*[@class='on-time' and @data-payout='PO-20260930-M00000000000010']"), r.body());
            assertEquals(1, count(svg, "//*[@class='band band-outage' and @data-fault='" + outage + "']"), r.body());
            assertEquals(2, count(svg, "//*[@class='band band-holiday']"), "Mid-Autumn on the weekend of 26 September, then National Day: " + r.body());
            assertEquals(0, count(svg, "//*[@class='band band-weekend']"), "both weekends of the range are holidays: " + r.body());
            assertEquals(1, count(svg, "//*[@id='timeline-legend']"));

            HttpResponse<String> week = call(host, token, "GET", "/api/payouts/timeline.svg?from=2026-10-01&to=2026-10-07", null);
            assertEquals(200, week.statusCode(), week.body());
            assertEquals(0, count(parse(week.body()), "//*[@class='band band-outage']"), "the outage is on the 8th, outside the range");

            badRequest(host, token, "?from=2026-13-01", "from: '2026-13-01' is not a date");
            badRequest(host, token, "?from=2026-10-09&to=2026-10-01", "is before from");
            badRequest(host, token, "?from=2025-01-01&to=2026-10-09", "at most 366 days");
            assertEquals(401, call(host, null, "GET", "/api/payouts/timeline.svg", null).statusCode());

            Path report = host.dataDir().resolve("payouts.html");
            CliHarness.Run html = CliHarness.execute("report", "payouts", "--format", "html", "--out", report.toString(),
                    "--admin", "http://127.0.0.1:" + host.adminPort(), "--data", host.dataDir().toString());
            assertEquals(0, html.exit(), html.err());
            String page = Files.readString(report);
            assertTrue(page.contains("<svg id=\"payout-timeline\"") && page.contains("class=\"band band-outage\" data-fault=\"" + outage + "\"")
                    && page.contains("band band-holiday"), "the report draws the host's calendar and faults");

            HttpResponse<String> dashboard = call(host, token, "GET", "/", null);
            assertEquals(200, dashboard.statusCode());
            assertTrue(dashboard.body().contains("Payout report, business dates 2026-09-26 to 2026-10-09"), "the dashboard's report covers the timeline's range");
            assertTrue(dashboard.body().contains("<td>" + late + "</td>"), "30 September is in the range");
            assertTrue(dashboard.body().contains("<div id=\"timeline\"><svg id=\"payout-timeline\"") && dashboard.body().contains("Payouts 2026-09-26 to 2026-10-09"),
                    "the page comes with the timeline of its range drawn");
            json(call(host, token, "POST", "/api/clock/advance", "{\"by\":\"P14D\"}"), 200);
            HttpResponse<String> later = call(host, token, "GET", "/", null);
            assertTrue(later.body().contains("Payout report, business dates 2026-10-10 to 2026-10-23"), "the range follows the clock");
            assertFalse(later.body().contains(late), "a payout of a business date before the range is not listed");

            for (String[] far : new String[][] {{"/api/clock/advance", "{\"by\":\"PT99999999999999H\"}"}, {"/api/clock/advance", "{\"by\":\"P401D\"}"},
                    {"/api/clock/set", "{\"to\":\"2030-01-01T00:00:00+08:00\"}"}}) {
                JsonNode e = json(call(host, token, "POST", far[0], far[1]), 400);
                assertEquals("BAD_REQUEST", e.path("code").asText());
                assertTrue(e.path("error").asText().contains("at most 400 days at once"), e.toString());
            }
        }
    }

    static void badRequest(TestHost host, String token, String query, String says) throws Exception {
        HttpResponse<String> r = call(host, token, "GET", "/api/payouts/timeline.svg" + query, null);
        JsonNode e = json(r, 400);
        assertEquals("BAD_REQUEST", e.path("code").asText(), r.body());
        assertTrue(e.path("error").asText().contains(says), r.body());
    }

    static EmulatedTerminal terminal(TestHost host, int n) {
        Profile p = n % 2 == 0 ? Profile.CUP : Profile.ISO87A;
        RequestFactory rf = new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", n), host.clock(), SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(5)), rf,
                TerminalState.inMemory());
    }

    static HttpResponse<String> call(TestHost host, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.adminPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static int count(Document d, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET)).getLength();
    }
}
