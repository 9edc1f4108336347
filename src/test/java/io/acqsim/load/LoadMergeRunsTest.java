package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/**
 * With real recorded latencies: two load runs against a real host at the same time, on disjoint terminal ranges as two
 * machines would run them, merged by {@code acqsim load merge}, give exactly the percentiles of one histogram that adds
 * both runs' own histograms; and {@code acqsim load --json} writes the histogram its summary came from.
 */
class LoadMergeRunsTest {
    private static TestHost host;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        System.setProperty("acqsim.home", TestHost.HOME.toString());
        host = TestHost.start(TestHost.tempData());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static LoadRun.Options options(int first) {
        return new LoadRun.Options("127.0.0.1", host.port(Profile.ISO87A), Profile.ISO87A, TestHost.PACKAGERS, 4, first, Rate.parse("200"),
                Duration.ofMillis(1500), Duration.ofSeconds(5), Mix.parse("purchase=1"), 1);
    }

    @Test
    void mergeOfTwoConcurrentRunsEqualsOneHistogramOfBoth() throws Exception {
        LoadRun.Options a = options(1), b = options(11);
        CompletableFuture<LoadResult> second = CompletableFuture.supplyAsync(() -> {
            try {
                return LoadRun.run(b, null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        LoadResult ra = LoadRun.run(a, null);
        LoadResult rb = second.get();
        assertTrue(ra.answered() > 100 && rb.answered() > 100, ra + " / " + rb);
        assertEquals(ra.answered(), ra.approved(), "terminals of the demo registry, approved: " + ra);
        SavedRun.write(a, ra, dir.resolve("machine-a/load.json"));
        SavedRun.write(b, rb, dir.resolve("machine-b/load.json"));

        Histogram both = new Histogram(LoadStats.LATENCY_DIGITS);
        both.add(ra.latencies());
        both.add(rb.latencies());
        Path merged = dir.resolve("merged.json");
        CliHarness.Run run = CliHarness.execute("load", "merge", dir.resolve("machine-a/load.hlog").toString(),
                dir.resolve("machine-b/load.json").toString(), "--json", merged.toString());
        System.out.println(run.out() + run.err());
        assertEquals(0, run.exit(), run.out() + run.err());

        JsonNode m = new ObjectMapper().readTree(merged.toFile());
        LatencySummary expected = LatencySummary.ofMicros(both);
        assertEquals(expected, new LatencySummary(m.at("/latencyMs/p50").asDouble(), m.at("/latencyMs/p90").asDouble(),
                m.at("/latencyMs/p99").asDouble(), m.at("/latencyMs/p999").asDouble(), m.at("/latencyMs/max").asDouble()));
        assertEquals(both, HistogramLog.read(dir.resolve("merged.hlog")).histogram());
        assertEquals(ra.sent() + rb.sent(), m.get("sent").asLong());
        assertEquals(ra.approved() + rb.approved(), m.get("approved").asLong());
        assertEquals(ra.answered() + rb.answered(), m.at("/run/answered").asLong());
        // concurrent runs: the window is about one run's, so the throughput is about the sum of both rates
        double window = m.at("/run/seconds").asDouble();
        assertTrue(window >= 1.5 && window < 2.5, "the runs overlapped: " + m);
        assertEquals(LatencySummary.round((ra.answered() + rb.answered()) / window, 1), m.get("throughput").asDouble(), 2.0);
        assertTrue(Math.abs(m.get("throughput").asDouble() - 400) <= 60, "two runs at 200/s together: " + m);
    }

    @Test
    void theCliWritesTheHistogramItsSummaryCameFrom() throws Exception {
        Path json = dir.resolve("run.json");
        CliHarness.Run run = CliHarness.execute("load", "--port", String.valueOf(host.port(Profile.ISO87A)), "--terminals", "3",
                "--first-terminal", "21", "--tps", "100", "--duration", "1s", "--mix", "purchase=1", "--json", json.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().isEmpty(), run.err());
        assertTrue(run.out().contains("  histogram       " + dir.resolve("run.hlog") + " (HdrHistogram log, microseconds, 3 significant digits)"),
                run.out());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        HistogramLog.Contents log = HistogramLog.read(dir.resolve("run.hlog"));
        LatencySummary fromLog = LatencySummary.ofMicros(log.histogram());
        assertEquals(fromLog.p50(), j.at("/latencyMs/p50").asDouble());
        assertEquals(fromLog.p99(), j.at("/latencyMs/p99").asDouble());
        assertEquals(fromLog.max(), j.at("/latencyMs/max").asDouble());
        assertEquals(j.at("/run/answered").asLong() + j.get("timeouts").asLong(), log.histogram().getTotalCount(),
                "one latency per answer or timeout");
        assertEquals(j.at("/histogram/count").asLong(), log.histogram().getTotalCount());
        assertEquals(21, j.at("/run/firstTerminal").asInt());
        assertEquals(3, j.at("/run/terminals").asInt());
        assertEquals("iso87a", j.at("/run/profile").asText());
    }
}
