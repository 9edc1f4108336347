package io.acqsim.load;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.HdrHistogram.Histogram;

/**
 * Several load runs (on several machines, at the same time) as one: counts summed; latencies from the runs'
 * histograms added with {@link Histogram#add} — so the percentiles are those of one histogram holding every
 * latency, to the histograms' precision, never an average of percentiles; throughput as all runs' answers over
 * the window from the earliest start to the latest end on the runs' wall clocks (for runs that ran together, the
 * sum of their rates; their own throughputs' sum is kept beside it).
 *
 * @param runsThroughput the sum of the runs' own throughputs (each over its own measured window)
 * @param connectSeconds the slowest run's
 * @param signOnSeconds the slowest run's
 * @param warnings what the user should know: runs that shared terminals, did not overlap in time, differ in precision or profile
 */
public record MergedRuns(List<SavedRun> runs, long sent, long approved, long errors, long timeouts, long answered,
                         Map<String, Long> responseCodes, Instant startedAt, Instant endedAt, double throughput, double runsThroughput,
                         double connectSeconds, double signOnSeconds, Histogram latencies, List<String> warnings) {

    /** How {@link #throughput} is computed, for the summary and the JSON. */
    public static final String THROUGHPUT_BASIS = "all runs' answers / seconds from the earliest start to the latest end (the machines' wall clocks)";

    /** Reads each run from either of its files; a run given twice by the same file or its partner counts once. */
    public static MergedRuns read(List<Path> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("give the runs' files: load merge FILE...");
        Map<String, SavedRun> byId = new LinkedHashMap<>();
        for (Path f : files) {
            SavedRun r = SavedRun.read(f);
            SavedRun earlier = byId.putIfAbsent(r.id(), r);
            if (earlier != null && !same(earlier.json(), r.json())) {
                throw new IllegalArgumentException(earlier.json() + " and " + r.json() + " are the same run (id " + r.id() + "): give each run once");
            }
        }
        return of(List.copyOf(byId.values()));
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    public static MergedRuns of(List<SavedRun> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs to merge");
        List<String> warnings = new ArrayList<>();
        int digits = runs.stream().mapToInt(SavedRun::digits).min().orElseThrow();
        Histogram all = new Histogram(digits);
        long sent = 0, approved = 0, errors = 0, timeouts = 0, answered = 0;
        double runsThroughput = 0, connect = 0, signOn = 0;
        Map<String, Long> codes = new TreeMap<>();
        Instant start = runs.getFirst().startedAt(), end = runs.getFirst().endedAt();
        Instant latestStart = start, earliestEnd = end;
        for (SavedRun r : runs) {
            all.add(r.histogram());
            sent += r.sent();
            approved += r.approved();
            errors += r.errors();
            timeouts += r.timeouts();
            answered += r.answered();
            runsThroughput += r.throughput();
            connect = Math.max(connect, r.connectSeconds());
            signOn = Math.max(signOn, r.signOnSeconds());
            r.responseCodes().forEach((c, n) -> codes.merge(c, n, Long::sum));
            if (r.startedAt().isBefore(start)) start = r.startedAt();
            if (r.endedAt().isAfter(end)) end = r.endedAt();
            if (r.startedAt().isAfter(latestStart)) latestStart = r.startedAt();
            if (r.endedAt().isBefore(earliestEnd)) earliestEnd = r.endedAt();
        }
        all.setStartTimeStamp(start.toEpochMilli());
        all.setEndTimeStamp(end.toEpochMilli());
        for (int i = 0; i < runs.size(); i++) {
            for (int k = i + 1; k < runs.size(); k++) {
                SavedRun a = runs.get(i), b = runs.get(k);
                if (a.firstTerminal() <= b.lastTerminal() && b.firstTerminal() <= a.lastTerminal()) {
                    warnings.add(a.json() + " (" + a.tids() + ") and " + b.json() + " (" + b.tids() + ") share terminals: on one ledger their"
                            + " STANs, batches and voids mixed; give each machine its own range with --first-terminal");
                }
            }
        }
        if (runs.size() > 1 && !latestStart.isBefore(earliestEnd)) {
            warnings.add("the runs did not all run at the same time (one started at " + latestStart + ", after another ended at " + earliestEnd
                    + "): the throughput's window holds time when not all were sending");
        }
        if (runs.stream().mapToInt(SavedRun::digits).distinct().count() > 1) {
            warnings.add("the histograms differ in precision: the merged one keeps " + digits + " significant digits");
        }
        TreeSet<String> profiles = new TreeSet<>(runs.stream().map(SavedRun::profile).toList());
        if (profiles.size() > 1) warnings.add("the runs used different profiles " + profiles);
        double seconds = Duration.between(start, end).toNanos() / 1e9;
        double throughput = seconds <= 0 ? 0 : LatencySummary.round(answered / seconds, 1);
        return new MergedRuns(runs, sent, approved, errors, timeouts, answered, codes, start, end, throughput,
                LatencySummary.round(runsThroughput, 1), connect, signOn, all, List.copyOf(warnings));
    }

    /** The window's length: from the earliest start to the latest end. */
    public Duration window() {
        return Duration.between(startedAt, endedAt);
    }

    public long declined() {
        return answered - approved;
    }

    public LatencySummary latencyMs() {
        return LatencySummary.ofMicros(latencies);
    }

    /**
     * The JSON of one run's shape (PRODUCT.md §3's fields, {@code connectSeconds} and {@code signOnSeconds} the slowest
     * run's), with {@code run} holding the window, how throughput was computed and the runs merged, and {@code histogram}
     * naming the merged histogram log.
     */
    public Map<String, Object> json(Path hlog, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", throughput);
        m.put("sent", sent);
        m.put("approved", approved);
        m.put("errors", errors);
        m.put("timeouts", timeouts);
        m.put("latencyMs", LoadReport.latencyJson(latencyMs()));
        m.put("responseCodes", new LinkedHashMap<>(responseCodes));
        m.put("connectSeconds", connectSeconds);
        m.put("signOnSeconds", signOnSeconds);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", id);
        run.put("startedAt", startedAt.toString());
        run.put("endedAt", endedAt.toString());
        run.put("seconds", LatencySummary.round(window().toNanos() / 1e9, 3));
        run.put("answered", answered);
        run.put("throughputBasis", THROUGHPUT_BASIS);
        run.put("runsThroughput", runsThroughput);
        List<Map<String, Object>> merged = new ArrayList<>();
        for (SavedRun r : runs) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", r.id());
            one.put("json", r.json().toString());
            one.put("startedAt", r.startedAt().toString());
            one.put("endedAt", r.endedAt().toString());
            one.put("profile", r.profile());
            one.put("targets", r.targets());
            one.put("firstTerminal", r.firstTerminal());
            one.put("terminals", r.terminals());
            one.put("throughput", r.throughput());
            merged.add(one);
        }
        run.put("merged", merged);
        m.put("run", run);
        m.put("histogram", SavedRun.histogramJson(hlog, latencies));
        return m;
    }

    /** Writes the merged summary to {@code json} and the merged histogram log beside it; returns the log's path. */
    public Path write(Path json) {
        Path hlog = SavedRun.histogramPath(json);
        if (hlog.getFileName().equals(json.getFileName())) throw new IllegalArgumentException("--json " + json + ": name the JSON file differently, e.g. merged.json");
        for (SavedRun r : runs) {
            if (same(r.json(), json) || same(r.hlog(), hlog)) throw new IllegalArgumentException("--json " + json + " would overwrite the run " + r.json());
        }
        String id = UUID.randomUUID().toString();
        SavedRun.writeBoth(json, json(hlog, id), hlog, id, HistogramLog.about("merge of " + runs.size() + " runs", startedAt, endedAt), latencies);
        return hlog;
    }
}
