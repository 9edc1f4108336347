package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/**
 * A run's latency histogram log round-trips, and {@code acqsim load merge} of runs' files gives the percentiles of one
 * histogram holding all their latencies, with known synthetic samples; every file it cannot use is a clear error.
 */
class LoadMergeTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void home() {
        System.setProperty("acqsim.home", TestHost.HOME.toString());
    }

    /** A run of {@code terminals} from {@code first}, started at {@code start}, whose answers took {@code micros} each (approved). */
    private static LoadResult run(Instant start, Duration elapsed, long... micros) {
        LoadStats s = new LoadStats();
        for (long m : micros) {
            s.sent(Kind.PURCHASE);
            s.answered(Kind.PURCHASE, "00", m * 1000);
        }
        return LoadResult.of(s, start, elapsed, Duration.ofMillis(20), Duration.ofMillis(30), -1, List.of(), null, null, List.of());
    }

    private static LoadRun.Options options(int first, int terminals) {
        return new LoadRun.Options("127.0.0.1", 8584, Profile.ISO87A, TestHost.PACKAGERS, terminals, first, Rate.MAX,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Mix.parse("purchase=1"), 1);
    }

    /** Writes the run's two files as {@code acqsim load --json dir/NAME.json} does; returns the JSON's path. */
    private Path save(String name, int first, int terminals, LoadResult r) {
        Path json = dir.resolve(name + ".json");
        SavedRun.write(options(first, terminals), r, json);
        return json;
    }

    private static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    @Test
    void theHistogramLogHoldsExactlyTheRunsLatenciesAndSaysItsUnit() throws Exception {
        LoadResult r = run(T0, Duration.ofSeconds(10), 150, 220, 999, 1_000, 12_345, 4_000_000);
        Path json = save("one", 1, 5, r);
        Path hlog = dir.resolve("one.hlog");

        List<String> lines = Files.readAllLines(hlog, StandardCharsets.UTF_8);
        assertTrue(lines.getFirst().startsWith("#acqsim load latency histogram: microseconds from the intended send time"), lines.getFirst());
        assertTrue(lines.getFirst().contains("3 significant digits"), lines.getFirst());
        HistogramLog.Contents read = HistogramLog.read(hlog);
        assertEquals(r.latencies(), read.histogram(), "the log holds the very histogram the summary came from");
        assertEquals(6, read.histogram().getTotalCount());
        assertEquals("one.json", read.jsonName());
        try (org.HdrHistogram.HistogramLogReader hdr = new org.HdrHistogram.HistogramLogReader(hlog.toFile())) {
            assertEquals(r.latencies(), hdr.nextIntervalHistogram(), "HdrHistogram's own reader reads the log");
            assertEquals(T0.toEpochMilli() / 1000.0, hdr.getStartTimeSec());
            assertEquals(null, hdr.nextIntervalHistogram(), "one histogram: the whole measured window");
        }

        JsonNode j = json(json);
        assertEquals("microseconds", j.at("/histogram/unit").asText());
        assertEquals("one.hlog", j.at("/histogram/file").asText());
        assertEquals(3, j.at("/histogram/significantDigits").asInt());
        assertEquals(6, j.at("/histogram/count").asLong());
        assertEquals(read.runId(), j.at("/run/id").asText());
        assertEquals(T0.toString(), j.at("/run/startedAt").asText());
        assertEquals(T0.plusSeconds(10).toString(), j.at("/run/endedAt").asText());
        assertEquals(1, j.at("/run/firstTerminal").asInt());
        assertEquals("127.0.0.1:8584", j.at("/run/targets/0").asText());

        SavedRun back = SavedRun.read(hlog);
        assertEquals(json, back.json());
        assertEquals(LatencySummary.ofMicros(r.latencies()), LatencySummary.ofMicros(back.histogram()));
    }

    /**
     * Known samples 1..20,000 µs and a long tail split in two runs (odd and even): the merge's percentiles are those of
     * one histogram holding all of them — and not the average of the two runs' percentiles, which differ here.
     */
    @Test
    void mergeOfTwoHalvesGivesThePercentilesOfTheWhole() throws Exception {
        long[] a = new long[10_050], b = new long[10_000];
        for (int i = 0; i < 10_000; i++) {
            a[i] = 2L * i + 1;
            b[i] = 2L * i + 2;
        }
        for (int i = 0; i < 50; i++) a[10_000 + i] = 900_000 + i * 1000;   // only one machine saw the slow tail
        Histogram whole = new Histogram(LoadStats.LATENCY_DIGITS);
        for (long v : a) whole.recordValue(v);
        for (long v : b) whole.recordValue(v);
        LoadResult ra = run(T0, Duration.ofSeconds(10), a);
        LoadResult rb = run(T0.plusSeconds(2), Duration.ofSeconds(10), b);
        Path ja = save("a", 1, 50, ra);
        save("b", 51, 50, rb);

        Path merged = dir.resolve("merged.json");
        CliHarness.Run run = CliHarness.execute("load", "merge", ja.toString(), dir.resolve("b.hlog").toString(), "--json", merged.toString());
        System.out.println(run.out() + run.err());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().isEmpty(), "disjoint terminals, overlapping windows: no warning: " + run.err());

        LatencySummary expected = LatencySummary.ofMicros(whole);
        JsonNode m = json(merged);
        assertEquals(expected.p50(), m.at("/latencyMs/p50").asDouble());
        assertEquals(expected.p90(), m.at("/latencyMs/p90").asDouble());
        assertEquals(expected.p99(), m.at("/latencyMs/p99").asDouble());
        assertEquals(expected.p999(), m.at("/latencyMs/p999").asDouble());
        assertEquals(expected.max(), m.at("/latencyMs/max").asDouble());
        double averagedP999 = (ra.latencyMs().p999() + rb.latencyMs().p999()) / 2;
        assertTrue(Math.abs(averagedP999 - expected.p999()) > 100, "averaging percentiles would be wrong here: " + averagedP999 + " vs " + expected.p999());
        assertEquals(whole, HistogramLog.read(dir.resolve("merged.hlog")).histogram(), "the merged log holds every latency");
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "p99 %.3f", expected.p99())), run.out());

        assertEquals(20_050, m.get("sent").asLong());
        assertEquals(20_050, m.get("approved").asLong());
        assertEquals(20_050, m.at("/responseCodes/00").asLong());
        assertEquals(0, m.get("errors").asLong() + m.get("timeouts").asLong());
        // the window is 01:00:00 to 01:00:12: 20,050 answers over 12 s; each run's own rate over its 10 s adds to 2,005/s
        assertEquals(12.0, m.at("/run/seconds").asDouble());
        assertEquals(LatencySummary.round(20_050 / 12.0, 1), m.get("throughput").asDouble());
        assertEquals(2005.0, m.at("/run/runsThroughput").asDouble());
        assertEquals(List.of("throughput", "sent", "approved", "errors", "timeouts", "latencyMs", "responseCodes", "connectSeconds",
                "signOnSeconds", "run", "histogram"), names(m));
        assertEquals(2, m.at("/run/merged").size());
        assertTrue(run.out().contains("over the 12.00 s window"), run.out());
    }

    @Test
    void runsSharingTerminalsOrNotOverlappingInTimeAreWarned() {
        Path ja = save("a", 1, 10, run(T0, Duration.ofSeconds(5), 100, 200));
        Path jb = save("b", 5, 10, run(T0.plusSeconds(60), Duration.ofSeconds(5), 300));
        CliHarness.Run run = CliHarness.execute("load", "merge", ja.toString(), jb.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("(T0000001..T0000010) and ") && run.err().contains("(T0000005..T0000014) share terminals"), run.err());
        assertTrue(run.err().contains("did not all run at the same time"), run.err());
    }

    @Test
    void aRunGivenByBothItsFilesCountsOnceButACopyIsAnError() throws Exception {
        Path ja = save("a", 1, 10, run(T0, Duration.ofSeconds(5), 100, 200));
        CliHarness.Run once = CliHarness.execute("load", "merge", ja.toString(), dir.resolve("a.hlog").toString());
        assertEquals(0, once.exit(), once.out() + once.err());
        assertTrue(once.out().contains("merge of 1 run\n") && once.out().contains("  sent            2\n"), once.out());

        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(ja, copy.resolve("a.json"));
        Files.copy(dir.resolve("a.hlog"), copy.resolve("a.hlog"));
        CliHarness.Run twice = CliHarness.execute("load", "merge", ja.toString(), copy.resolve("a.json").toString());
        assertEquals(2, twice.exit(), twice.out() + twice.err());
        assertTrue(twice.err().contains("are the same run"), twice.err());
    }

    @Test
    void filesItCannotUseAreClearErrors() throws Exception {
        Path ja = save("a", 1, 10, run(T0, Duration.ofSeconds(5), 100, 200));
        save("b", 11, 10, run(T0, Duration.ofSeconds(5), 300));
        String hlogA = Files.readString(dir.resolve("a.hlog"));

        expectError("missing.json: no such file", dir.resolve("missing.json"));
        expectError("missing.hlog: no such file", dir.resolve("missing.hlog"));
        expectError("not JSON", write("garbage.json", "this is not json"));
        expectError("not a run of acqsim load --json with a histogram log", write("foreign.json", "{\"throughput\": 1, \"sent\": 2}"));
        expectError("not a histogram log of acqsim load", write("foreign.hlog", "#[Histogram log format version 1.3]\n"));
        // an HdrHistogram line cut short
        String cut = hlogA.substring(0, hlogA.length() - 20) + "\n";
        expectError("corrupt", write("cut.hlog", cut));
        String header = hlogA.lines().limit(2).map(l -> l + "\n").reduce("", String::concat);
        expectError("holds no histogram (truncated?)", write("empty.hlog", header));
        expectError("corrupt: a line after 0 histograms is not a histogram", write("garbage.hlog", header + "zzz\n"));
        // the partner file is gone
        Files.copy(ja, dir.resolve("lonely.json"));
        Files.writeString(dir.resolve("lonely.json"), Files.readString(ja).replace("\"a.hlog\"", "\"lonely.hlog\""));
        expectError("names its histogram log", dir.resolve("lonely.json"));
        // a.json beside b's histogram log
        Files.copy(dir.resolve("b.hlog"), dir.resolve("a.hlog"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        expectError("are of different runs", ja);
        // a histogram log whose count disagrees with its JSON
        Files.writeString(dir.resolve("a.hlog"), hlogA);
        Files.writeString(ja, Files.readString(ja).replace("\"count\" : 2", "\"count\" : 3"));
        expectError("holds 2 latencies but", ja);

        CliHarness.Run none = CliHarness.execute("load", "merge");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("Missing required parameter"), none.err());
    }

    @Test
    void aMergedSummaryIsNotTakenAsARun() {
        Path ja = save("a", 1, 10, run(T0, Duration.ofSeconds(5), 100));
        Path merged = dir.resolve("m.json");
        assertEquals(0, CliHarness.execute("load", "merge", ja.toString(), "--json", merged.toString()).exit());
        expectError("a merged summary", merged);
        CliHarness.Run over = CliHarness.execute("load", "merge", ja.toString(), "--json", ja.toString());
        assertEquals(2, over.exit());
        assertTrue(over.err().contains("would overwrite the run"), over.err());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void expectError(String message, Path file) {
        CliHarness.Run r = CliHarness.execute("load", "merge", file.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertTrue(r.err().startsWith("acqsim: ") && r.err().strip().lines().count() == 1, "one clear line: " + r.err());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
