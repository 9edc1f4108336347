package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * {@code acqsim load} against a real host on both profiles: what the load counts as approved is what the
 * ledger holds, the JSON has the shape of PRODUCT.md §3, and the open loop keeps its rate.
 */
class LoadRunTest {
    private static TestHost host;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws InterruptedException {
        System.setProperty("acqsim.home", TestHost.HOME.toString());
        host = TestHost.start(TestHost.tempData());
        // a cold host (JIT, first connections) answers slower for a second; warm it so the rate test measures the load
        for (Profile p : Profile.values()) {
            LoadRun.run(new LoadRun.Options("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, 5, p == Profile.CUP ? 905 : 901, Rate.MAX,
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Mix.parse("purchase=1,qr=1"), 1), null);
        }
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** The ledger's transactions of terminals first..first+count-1. */
    private static List<TransactionRecord> ledger(int first, int count) {
        Set<String> tids = new TreeSet<>();
        for (int n = first; n < first + count; n++) tids.add(TerminalWorker.tid(n));
        return host.services().ledger().transactions().stream().filter(t -> tids.contains(t.tid())).toList();
    }

    private static long approvedPurchases(List<TransactionRecord> rows) {
        return rows.stream().filter(t -> t.kind() == MessageKind.PURCHASE && t.approved()).count();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void closedLoopWithEveryKindAgreesWithTheLedger(Profile p) throws Exception {
        int first = p == Profile.CUP ? 201 : 1;
        LoadRun.Options o = new LoadRun.Options("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, 5, first, Rate.MAX,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Mix.parse(Mix.DEFAULT), 7);
        List<String> ticks = new ArrayList<>();
        LoadResult r = LoadRun.run(o, (elapsed, interval, i) -> ticks.add(LoadReport.progress(elapsed, interval, i)));

        ticks.forEach(System.out::println);
        LoadReport.summary(System.out, r);
        assertEquals(0, r.errors(), r.toString());
        assertEquals(0, r.timeouts(), r.toString());
        assertTrue(r.sent() > 50, "a closed loop on loopback sends plenty in 2 s: " + r);
        assertEquals(r.sent(), r.approved(), "every amount is one the shipped issuer approves: " + r.responseCodes());
        assertTrue(r.sentByKind().get(Kind.VOID) > 0 && r.sentByKind().get(Kind.REFUND) > 0 && r.sentByKind().get(Kind.QR) > 0, r.toString());
        assertTrue(ticks.size() >= 1 && ticks.getFirst().contains("p99"), ticks.toString());

        List<TransactionRecord> rows = ledger(first, 5);
        assertEquals(r.approved(), rows.stream().filter(t -> t.responseCode().equals(ResponseCode.APPROVED)).count(), "approved answers vs ledger rows answered 00");
        long purchases = r.approvedByKind().get(Kind.PURCHASE) + r.approvedByKind().get(Kind.QR);
        assertEquals(purchases - r.approvedByKind().get(Kind.VOID), approvedPurchases(rows),
                "approved purchases, less the ones voided, are the ledger's APPROVED purchases");
        assertEquals(r.approvedByKind().get(Kind.REFUND), rows.stream().filter(t -> t.kind() == MessageKind.REFUND && t.approved()).count());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void openLoopKeepsItsRateAndItsJsonCountsWhatTheLedgerHolds(Profile p) throws Exception {
        int first = p == Profile.CUP ? 301 : 101;
        Path json = dir.resolve("out/load.json");
        CliHarness.Run run = CliHarness.execute("load", "--profile", p.id(), "--port", String.valueOf(host.port(p)), "--terminals", "25",
                "--first-terminal", String.valueOf(first), "--tps", "200", "--duration", "2s", "--mix", "purchase=80,qr=20",
                "--timeout", "PT5S", "--json", json.toString());
        System.out.println(run.out());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("open loop at 200/s") && run.out().contains("summary") && run.out().contains("p99.9"), run.out());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("throughput", "sent", "approved", "errors", "timeouts", "latencyMs", "responseCodes", "connectSeconds", "signOnSeconds",
                "run", "histogram"), names(j));
        double connect = j.get("connectSeconds").asDouble(), signOn = j.get("signOnSeconds").asDouble();
        assertTrue(connect > 0 && connect <= signOn && signOn < 5, j.toString());
        assertTrue(run.out().contains("connected 25 terminals in ") && run.out().contains("  connect         "), run.out());
        for (String f : List.of("throughput", "sent", "approved", "errors", "timeouts")) assertTrue(j.get(f).isNumber(), f + " in " + j);
        for (String f : List.of("sent", "approved", "errors", "timeouts")) assertTrue(j.get(f).canConvertToLong() && j.get(f).isIntegralNumber(), f);
        assertEquals(List.of("p50", "p90", "p99", "p999", "max"), names(j.get("latencyMs")));
        j.get("latencyMs").forEach(v -> assertTrue(v.isNumber() && v.asDouble() >= 0, j.toString()));
        double p50 = j.at("/latencyMs/p50").asDouble(), p999 = j.at("/latencyMs/p999").asDouble(), max = j.at("/latencyMs/max").asDouble();
        assertTrue(p50 > 0 && p50 <= p999 && p999 <= max, j.toString());
        assertTrue(j.get("responseCodes").isObject(), j.toString());
        j.get("responseCodes").fields().forEachRemaining(e -> {
            assertTrue(e.getKey().matches("\\d\\d"), e.getKey());
            assertTrue(e.getValue().isIntegralNumber(), e.toString());
        });
        assertEquals(j.get("approved").asLong(), j.at("/responseCodes/00").asLong());
        assertEquals(0, j.get("errors").asLong());
        assertEquals(0, j.get("timeouts").asLong());

        double throughput = j.get("throughput").asDouble();
        long sent = j.get("sent").asLong();
        assertTrue(Math.abs(throughput - 200) <= 20, "throughput " + throughput + " within 10% of 200/s");
        assertTrue(Math.abs(sent - 400) <= 40, "sent " + sent + " within 10% of the 400 the schedule holds");

        // the test: a short load run's approved count equals the ledger's
        assertEquals(j.get("approved").asLong(), approvedPurchases(ledger(first, 25)));
    }

    /**
     * With --warmup the terminals send first, at the same rate on the same connections, and only what comes after
     * is measured: the warm-up has its own progress lines and counts, the measured figures are the --duration's,
     * and together they are what the ledger holds.
     */
    @org.junit.jupiter.api.Test
    void aWarmUpIsSentAndCountedApartFromTheMeasuredRun() throws Exception {
        int first = 801;
        Path json = dir.resolve("warm.json");
        CliHarness.Run run = CliHarness.execute("load", "--port", String.valueOf(host.port(Profile.ISO87A)), "--terminals", "10",
                "--first-terminal", String.valueOf(first), "--tps", "200", "--warmup", "1s", "--duration", "2s", "--mix", "purchase=1",
                "--json", json.toString());
        System.out.println(run.out());
        assertEquals(0, run.exit(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.contains("open loop at 200/s, 1s warm-up + 2s"), out);
        assertTrue(out.contains("[warm-up   1s] rate"), out);
        assertTrue(out.indexOf("warm-up over after 1s") > out.indexOf("[warm-up   1s]") && out.indexOf("[  1s] rate") > out.indexOf("warm-up over"), out);
        assertTrue(out.contains("  warm-up         1s, not measured: sent "), out);

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        long warmSent = j.at("/warmup/sent").asLong(), sent = j.get("sent").asLong();
        assertEquals(1.0, j.at("/warmup/seconds").asDouble(), j.toString());
        assertTrue(Math.abs(warmSent - 200) <= 30, "the warm-up's second holds 200 slots: " + j);
        assertTrue(Math.abs(sent - 400) <= 40, "the measured 2 s hold 400 slots: " + j);
        assertTrue(Math.abs(j.get("throughput").asDouble() - 200) <= 20, "throughput over the measured run only: " + j);
        assertEquals(0, j.at("/warmup/errors").asLong() + j.at("/warmup/timeouts").asLong(), j.toString());
        assertEquals(j.at("/warmup/approved").asLong() + j.get("approved").asLong(), approvedPurchases(ledger(first, 10)),
                "warm-up and measured approvals are the ledger's");
    }

    /**
     * Hundreds of terminals connect through the ramp, all sign on, and the run says how long that took. On
     * virtual threads, as a run of more than {@link LoadRun#PLATFORM_THREADS_UP_TO} terminals has them (the
     * other tests here run on platform threads).
     */
    @org.junit.jupiter.api.Test
    void threeHundredTerminalsConnectAndTheConnectTimeIsReported() throws Exception {
        int first = 401, count = 300;
        LoadRun.Options o = new LoadRun.Options("127.0.0.1", host.port(Profile.ISO87A), Profile.ISO87A, TestHost.PACKAGERS, count, first,
                Rate.parse("300"), Duration.ofSeconds(1), Duration.ofSeconds(5), Mix.parse("purchase=1"), 3);
        List<Duration> heard = new ArrayList<>();
        int[] terminals = {0};
        LoadResult r = LoadRun.run(o, new LoadRun.Progress() {
            @Override
            public void tick(double elapsedSeconds, double intervalSeconds, LoadStats.Interval interval) {
            }

            @Override
            public void connected(int n, Duration connect, Duration signOn) {
                terminals[0] = n;
                heard.add(connect);
                heard.add(signOn);
            }
        }, Thread.ofVirtual());

        assertEquals(count, terminals[0]);
        assertEquals(List.of(r.connectTime(), r.signOnTime()), heard);
        assertTrue(!r.connectTime().isZero() && r.connectTime().compareTo(r.signOnTime()) <= 0, r.toString());
        assertEquals(0, r.errors(), r.toString());
        assertEquals(0, r.timeouts(), r.toString());
        assertTrue(r.sent() >= 270, "an open loop at 300/s for 1 s sends about 300: " + r);
        assertEquals(r.approved(), approvedPurchases(ledger(first, count)));
        assertTrue(LoadReport.connected(count, r.connectTime(), r.signOnTime()).startsWith("connected 300 terminals in "));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
