package io.acqsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.admin.AdminToken;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * {@code GET /metrics} on a real host after real terminals bought and the clock moved across National Day:
 * acqsim's meters with their labels and counts, jPOS's own meters, and (where it is installed) promtool's
 * verdict on the scrape. Tagged "metrics": runs in its own JVM (pom.xml, surefire execution metrics-tests),
 * since jPOS's meters live in Micrometer's process-wide registry.
 */
@Tag("metrics")
class MetricsScrapeTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant WED_2026_09_30_0900 = OffsetDateTime.parse("2026-09-30T09:00:00+08:00").toInstant();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestHost host;
    static String token;
    static Scrape scrape;

    @BeforeAll
    static void buyThenPayAcrossNationalDay() throws Exception {
        host = TestHost.startManual(TestHost.tempData(), WED_2026_09_30_0900);
        token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
        for (int n : new int[] {1, 9, 10}) {   // 1 and 9 speak iso87a, 10 cup; merchant 1 is T1 at PSBC (National Day delays it)
            try (EmulatedTerminal t = terminal(n)) {
                assertEquals("00", t.signOn().responseCode());
                assertEquals("00", t.cardPurchase(100_00, "6222021234567890123", "2912", "051").responseCode());
                assertEquals("00", t.qrPurchase(50_00, "6225880123456789012").responseCode());
                assertEquals("51", t.cardPurchase(1_51, "6222021234567890123", "2912", "051").responseCode());
            }
        }
        assertEquals(200, call("POST", "/api/clock/advance", "{\"by\":\"P9D\"}").statusCode());
        assertEquals(200, call("POST", "/api/faults", "{ type: account-frozen, merchant: M00000000000003 }").statusCode());
        HttpResponse<String> r = call("GET", "/metrics", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        scrape = Scrape.of(r.body());
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    @Test
    void transactionsAreCountedByKindProfileAndResponseCode() {
        assertEquals("counter", scrape.types().get("acqsim_transactions_total"));
        assertEquals(4, scrape.value("acqsim_transactions_total{kind=\"purchase\",profile=\"iso87a\",response_code=\"00\"}"));
        assertEquals(2, scrape.value("acqsim_transactions_total{kind=\"purchase\",profile=\"iso87a\",response_code=\"51\"}"));
        assertEquals(2, scrape.value("acqsim_transactions_total{kind=\"purchase\",profile=\"cup\",response_code=\"00\"}"));
        assertEquals(1, scrape.value("acqsim_transactions_total{kind=\"purchase\",profile=\"cup\",response_code=\"51\"}"));
        assertEquals(2, scrape.value("acqsim_transactions_total{kind=\"sign_on\",profile=\"iso87a\",response_code=\"00\"}"));
        assertEquals(1, scrape.value("acqsim_transactions_total{kind=\"sign_on\",profile=\"cup\",response_code=\"00\"}"));
        double all = scrape.samples().entrySet().stream().filter(e -> e.getKey().startsWith("acqsim_transactions_total{"))
                .mapToDouble(e -> e.getValue()).sum();
        assertEquals(12, all, "three terminals, four requests each:\n" + scrape.text());
    }

    /** The live dashboard's figures are the same meters, summed: requests, their histogram, codes, connections now. */
    @Test
    void theLiveFiguresAreTheMetersSummed() throws Exception {
        HttpResponse<String> r = call("GET", "/api/live", null);
        assertEquals(200, r.statusCode(), r.body());
        com.fasterxml.jackson.databind.JsonNode live = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertEquals(12, live.get("requests").asLong(), r.body());
        com.fasterxml.jackson.databind.JsonNode buckets = live.get("latencyBuckets");
        assertEquals("+Inf", buckets.get(buckets.size() - 1).get("le").asText());
        assertEquals(12, buckets.get(buckets.size() - 1).get("count").asLong());
        assertEquals("0.0005", buckets.get(0).get("le").asText(), "the histogram's first bound, 0.5 ms");
        long previous = 0;
        for (com.fasterxml.jackson.databind.JsonNode b : buckets) {
            assertTrue(b.get("count").asLong() >= previous, "cumulative: " + buckets);
            previous = b.get("count").asLong();
        }
        assertEquals(12, buckets.get(buckets.size() - 2).get("count").asLong(), "every request under 5 s: " + buckets);
        assertTrue(live.get("latencySeconds").asDouble() > 0, r.body());
        assertEquals(9, live.at("/responseCodes/00").asLong(), r.body());
        assertEquals(3, live.at("/responseCodes/51").asLong(), r.body());
        assertEquals(0, live.at("/terminals/cup").asLong(-1), "the terminals hung up: " + r.body());
        assertEquals(0, live.at("/terminals/iso87a").asLong(-1), r.body());
        try (EmulatedTerminal t = terminal(1)) {
            assertEquals("00", t.signOn().responseCode());
            com.fasterxml.jackson.databind.JsonNode now = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call("GET", "/api/live", null).body());
            assertEquals(1, now.at("/terminals/iso87a").asLong(), now.toString());
            assertEquals(13, now.get("requests").asLong(), now.toString());
        }
    }

    @Test
    void everyAnswerIsInTheRequestDurationHistogram() {
        assertEquals("histogram", scrape.types().get("acqsim_request_duration_seconds"));
        for (String labels : new String[] {"kind=\"purchase\",profile=\"iso87a\",response_code=\"00\"",
                "kind=\"purchase\",profile=\"cup\",response_code=\"51\"", "kind=\"sign_on\",profile=\"cup\",response_code=\"00\""}) {
            double count = scrape.value("acqsim_transactions_total{" + labels + "}");
            assertEquals(count, scrape.value("acqsim_request_duration_seconds_count{" + labels + "}"), labels);
            assertEquals(count, scrape.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"}"), labels);
            assertEquals(count, scrape.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"5.0\"}"), "each under 5 s: " + labels);
            assertTrue(scrape.value("acqsim_request_duration_seconds_sum{" + labels + "}") > 0, labels);
        }
    }

    @Test
    void jposPublishesItsOwnMetersInTheSameScrape() {
        Set<String> jpos = scrape.names("jpos_");
        assertTrue(jpos.stream().anyMatch(n -> n.startsWith("jpos_tm_")), "the TransactionManager's meters: " + jpos);
        assertTrue(jpos.stream().anyMatch(n -> n.startsWith("jpos_server_connections")), "the terminal listeners' connections: " + jpos);
        assertTrue(jpos.stream().anyMatch(n -> n.startsWith("jpos_isomsg")), "messages in and out: " + jpos);
        assertFalse(scrape.names("jvm_").isEmpty(), "Q2 binds the JVM's meters too");
    }

    /** jPOS's TransactionManager timer keeps Q2's six service-level buckets, without its ~80-bucket histogram or percentiles. */
    @Test
    void theTransactionManagerTimerKeepsQ2sSixBuckets() {
        var buckets = scrape.samples().keySet().stream().filter(k -> k.startsWith("jpos_tm_op_seconds_bucket{")).toList();
        assertFalse(buckets.isEmpty(), scrape.text());
        var series = buckets.stream().map(k -> k.replaceAll(",?le=\"[^\"]*\"", "")).distinct().toList();
        assertEquals(7 * series.size(), buckets.size(), "10 ms, 100 ms, 0.5 s, 1 s, 5 s, 15 s and +Inf per series: " + buckets);
        assertTrue(buckets.stream().anyMatch(k -> k.contains("le=\"0.01\"")) && buckets.stream().anyMatch(k -> k.contains("le=\"15.0\"")), buckets.toString());
        assertTrue(scrape.samples().keySet().stream().noneMatch(k -> k.startsWith("jpos_tm_op_seconds{") && k.contains("quantile=")),
                "no client-side percentiles");
    }

    @Test
    void payoutsByStatusAndTheirDelayByReason() {
        assertEquals(3, scrape.value("acqsim_payouts{status=\"paid\"}"));
        assertEquals(0, scrape.value("acqsim_payouts{status=\"pending\"}"));
        assertEquals(1, scrape.value("acqsim_payout_delay_seconds_count{reason=\"holiday\"}"), "merchant 1's T1 payout waited for National Day");
        assertEquals(Duration.ofDays(7).toSeconds(), scrape.value("acqsim_payout_delay_seconds_sum{reason=\"holiday\"}"));
        assertEquals(0, scrape.value("acqsim_payout_delay_seconds_count{reason=\"bank_outage\"}"));
    }

    @Test
    void faultsSchedulerLedgerAndClock() {
        assertEquals(1, scrape.value("acqsim_faults_active{type=\"account-frozen\"}"));
        assertTrue(scrape.value("acqsim_scheduler_jobs_run_total") >= 9 + 3, "nine cutovers and three payouts");
        assertEquals("counter", scrape.types().get("acqsim_scheduler_jobs_run_total"));
        assertEquals(host.clock().instant().getEpochSecond(), scrape.value("acqsim_clock_seconds"), 1.0);
        assertTrue(scrape.value("acqsim_ledger_writes_per_commit") >= 0);
        assertTrue(scrape.value("acqsim_ledger_journal_behind") >= 0);
        assertTrue(scrape.value("acqsim_ledger_journal_bytes") >= 0);
    }

    /** promtool (Debian's prometheus package; .ci/run installs it) checks the exposition and its naming conventions. */
    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed");
        Path file = Files.createTempFile(host.dataDir(), "scrape-", ".prom");
        Files.writeString(file, scrape.text());
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "no lint findings");
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    static EmulatedTerminal terminal(int n) {
        Profile p = n % 2 == 0 ? Profile.CUP : Profile.ISO87A;
        RequestFactory rf = new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", n), host.clock(), SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(5)), rf,
                TerminalState.inMemory());
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.adminPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
