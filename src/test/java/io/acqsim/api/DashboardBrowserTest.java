package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import io.acqsim.admin.AdminToken;
import io.acqsim.browser.Browser;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * The dashboard and the HTML payout report in a real headless Chromium, against a real host whose
 * manual clock starts on Wednesday 2026-09-30: the page loads without a console error, shows the clock
 * and counts, draws throughput after a real terminal's purchases, moves the clock with its own controls
 * without reloading; the report renders its tables. Tests run in order: they share one host, one page.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant WED_2026_09_30_0900 = OffsetDateTime.parse("2026-09-30T09:00:00+08:00").toInstant();
    static final String CARD = "6222021234567890123";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static TestHost host;
    static String token;
    static Browser browser;
    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        host = TestHost.startManual(TestHost.tempData(), WED_2026_09_30_0900);
        token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
        browser = Browser.start(1280, 1400);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (host != null) host.close();
    }

    @Test
    @Order(1)
    void theDashboardLoadsWithoutConsoleErrorsAndShowsTheClockAndCounts() {
        browser.driver().get(admin("/?token=" + token));
        browser.until(d -> text("clock").startsWith("2026-09-30T09:00"));
        assertEquals("manual", text("clock-mode"));
        assertEquals("2026-09-30", text("business-date"));
        assertTrue(text("transaction-counts").contains("total 0"), text("transaction-counts"));
        browser.until(d -> !text("updated").isEmpty());   // a first round of polls has answered
        assertFalse(browser.driver().getCurrentUrl().contains("token"), "the token leaves the address bar");
        browser.until(d -> !d.findElements(By.cssSelector("#timeline svg#payout-timeline")).isEmpty());
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    @Order(2)
    void throughputIsDrawnAfterPurchasesFromARealTerminal() throws Exception {
        browser.until(d -> Integer.parseInt(chart().getDomAttribute("data-points")) >= 1);
        try (EmulatedTerminal t = terminal()) {
            assertEquals("00", t.signOn().responseCode());
            for (int i = 0; i < 5; i++) assertEquals("00", t.cardPurchase(100_00 + i, CARD, "2912", "051").responseCode());
            assertEquals("51", t.cardPurchase(1_51, CARD, "2912", "051").responseCode());
            browser.until(d -> text("terminals").contains("iso87a 1"));   // connected now, from jPOS's listener gauge
        }
        browser.until(d -> text("terminals").contains("iso87a 0"));
        browser.until(d -> Double.parseDouble(chart().getDomAttribute("data-peak")) > 0);
        assertFalse(browser.driver().findElement(By.id("throughput-line")).getDomAttribute("points").isBlank());
        browser.until(d -> text("transaction-counts").contains("approved 5"));
        // since the host started: the sign-on and five purchases answered 00, one purchase 51
        browser.until(d -> text("response-codes").contains("00 6") && text("response-codes").contains("51 1"));
        // the latency chart: an interval between two polls with those requests in it
        browser.until(d -> Integer.parseInt(browser.driver().findElement(By.id("latency")).getDomAttribute("data-points")) >= 1);
        assertFalse(browser.driver().findElement(By.id("latency-p99")).getDomAttribute("points").isBlank());
        assertTrue(text("latency-last-p99").matches("[0-9.]+|over 5000"), text("latency-last-p99"));
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    @Order(3)
    void theAdvanceControlMovesTheClockWithoutAReload() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.sameDocument = true;");
        WebElement by = browser.driver().findElement(By.id("advance-by"));
        by.clear();
        by.sendKeys("PT1H");
        browser.driver().findElement(By.id("advance")).click();
        browser.until(d -> text("clock").startsWith("2026-09-30T10:00"));
        assertEquals(Boolean.TRUE, js.executeScript("return window.sameDocument === true;"), "the page was not reloaded");
        assertTrue(api("GET", "/api/clock", null).body().contains("2026-09-30T10:00"), "the host's clock moved");
        assertTrue(text("clock-message").startsWith("Moved from 2026-09-30T09:00"), text("clock-message"));
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    @Order(4)
    void theSetControlMovesTheClockAcrossNationalDayAndTheFaultsShow() throws Exception {
        WebElement to = browser.driver().findElement(By.id("set-to"));
        to.sendKeys("2026-10-09T12:00:00+08:00");
        browser.driver().findElement(By.id("set")).click();
        browser.until(d -> text("clock").startsWith("2026-10-09T12:00"));
        browser.until(d -> text("payout-counts").contains("paid 1"));
        HttpResponse<String> fault = api("POST", "/api/faults",
                "{\"type\":\"bank-outage\",\"bank\":\"ICBC\",\"from\":\"2026-10-09T00:00:00+08:00\",\"to\":\"2026-10-10T00:00:00+08:00\","
                        + "\"detail\":\"core banking upgrade\"}");
        assertEquals(200, fault.statusCode(), fault.body());
        browser.until(d -> text("faults").contains("bank-outage") && text("faults").contains("active"));
        browser.screenshot("dashboard", true);
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    @Order(5)
    void theTimelineShowsThePayoutTheTerminalsPurchasesMade() {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        String picture = browser.until(d -> (String) js.executeScript(
                "const svg = document.querySelector('#timeline svg#payout-timeline');"
                        + "return svg && svg.textContent.includes('PO-20260930-M00000000000001') ? svg.textContent : null;"));
        assertTrue(picture.contains("HOLIDAY"), "the delay reason is named: " + picture);
        // its bar is drawn in the colour the legend gives its reason
        String bar = (String) js.executeScript("const r = document.querySelector("
                + "'#timeline rect.reason-HOLIDAY[data-payout=\"PO-20260930-M00000000000001\"]'); return r && r.getAttribute('fill');");
        String legend = (String) js.executeScript("const r = document.querySelector("
                + "'#timeline #timeline-legend rect.swatch.reason-HOLIDAY'); return r && r.getAttribute('fill');");
        assertNotNull(bar, "a HOLIDAY bar of the payout");
        assertEquals(legend, bar, "the bar's colour is the legend's for HOLIDAY");
        assertEquals("", text("timeline-message"));
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    @Order(6)
    void theHtmlPayoutReportRendersItsTimelineAndTables() throws Exception {
        Path report = host.dataDir().resolve("payouts.html");
        CliHarness.Run run = CliHarness.execute("report", "payouts", "--format", "html", "--out", report.toString(),
                "--admin", admin(""), "--data", host.dataDir().toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        browser.driver().get(report.toUri().toString());
        List<WebElement> tables = browser.until(d -> d.findElements(By.tagName("table")));
        assertTrue(tables.size() >= 3, "per reason, per merchant, payouts: " + tables.size());
        assertTrue(tables.stream().allMatch(WebElement::isDisplayed));
        assertTrue(tables.getLast().getText().contains("National Day"), tables.getLast().getText());
        WebElement timeline = browser.driver().findElement(By.cssSelector("svg#payout-timeline"));
        assertTrue(timeline.isDisplayed() && timeline.getSize().getHeight() > 0, "the report opens with its timeline");
        assertFalse(timeline.findElements(By.cssSelector("rect.reason.reason-HOLIDAY")).isEmpty(), "the delayed payout's bar");
        browser.screenshot("payout-report", false);
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    @Order(7)
    void whenTheHostStopsThePageSaysSoAndKeepsTrying() {
        browser.driver().get(admin("/"));   // the cookie is the session now
        browser.until(d -> text("clock").startsWith("2026-10-09T12:00") && !text("updated").isEmpty());
        host.close();
        host = null;
        browser.until(d -> text("status").contains("trying again in"));
        assertTrue(text("clock").startsWith("2026-10-09T12:00"), "the last state stays on the page");
    }

    // ---- helpers ----

    /**
     * The console's errors. While GET /api/payouts/timeline.svg does not exist (it comes with issue 13's
     * timeline work), the timeline panel shows that endpoint's 404 and the browser logs the failed
     * request; only that entry is let through, and only while the endpoint is missing.
     */
    static List<String> consoleErrors() {
        return browser.consoleErrors();
    }

    static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText().replaceAll("\\s+", " ").strip();
    }

    static WebElement chart() {
        return browser.driver().findElement(By.id("throughput"));
    }

    static EmulatedTerminal terminal() {
        RequestFactory rf = new RequestFactory(Profile.ISO87A, "T0000001", "M00000000000001", host.clock(), SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(Profile.ISO87A), Profile.ISO87A, TestHost.PACKAGERS,
                Duration.ofSeconds(5)), rf, TerminalState.inMemory());
    }

    static String admin(String path) {
        return "http://127.0.0.1:" + host.adminPort() + path;
    }

    static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
