package io.acqsim.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The words and the JSON of a load run: the start line, the progress line, the summary and {@code --json}. */
public final class LoadReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoadReport() {
    }

    public static String header(LoadRun.Options o) {
        String to = o.targets().size() == 1 ? o.targets().getFirst().toString()
                : String.join(",", o.targets().stream().map(Target::toString).toList()) + " (round-robin by terminal)";
        return String.format(Locale.ROOT, "load: %d terminal%s (%s..%s) -> %s %s%s, %s, %s%s, mix %s, timeout %s",
                o.terminals(), o.terminals() == 1 ? "" : "s", o.firstTid(), o.lastTid(), to, o.profile(),
                o.connector().tls() ? " over TLS" : "",
                o.rate().closedLoop() ? "closed loop (--tps max)" : "open loop at " + o.rate(),
                o.warmup().isZero() ? "" : Durations.format(o.warmup()) + " warm-up + ", Durations.format(o.duration()),
                o.mix(), Durations.format(o.timeout())) + (o.keys() != null ? ", MAC where the key file has it on" : "");
    }

    /** e.g. {@code connected 10000 terminals in 2.41 s, all signed on after 3.02 s}. */
    public static String connected(int terminals, Duration connect, Duration signOn) {
        return String.format(Locale.ROOT, "connected %d terminal%s in %.2f s, all signed on after %.2f s", terminals,
                terminals == 1 ? "" : "s", connect.toNanos() / 1e9, signOn.toNanos() / 1e9);
    }

    /** e.g. {@code [  3s] rate 201.0/s  p99 4.2 ms  sent 603  declined 0  timeouts 0  errors 0}. */
    public static String progress(double elapsedSeconds, double intervalSeconds, LoadStats.Interval i) {
        double rate = intervalSeconds <= 0 ? 0 : i.completed() / intervalSeconds;
        return String.format(Locale.ROOT, "[%3.0fs] rate %8.1f/s  p99 %8.1f ms  sent %d  declined %d  timeouts %d  errors %d",
                elapsedSeconds, rate, i.p99Ms(), i.sent(), i.declined(), i.timeouts(), i.errors());
    }

    /** e.g. {@code [warm-up  3s] rate 201.0/s  p99 4.2 ms  sent 603  declined 0  timeouts 0  errors 0}. */
    public static String warmUpProgress(double elapsedSeconds, double intervalSeconds, LoadStats.Interval i) {
        return "[warm-up " + progress(elapsedSeconds, intervalSeconds, i).substring(1);
    }

    /** The line between the warm-up and the measured run. */
    public static String measuring(Duration warmup, Duration duration) {
        return "warm-up over after " + Durations.format(warmup) + " (not counted below); measuring for " + Durations.format(duration);
    }

    public static void summary(PrintStream out, LoadResult r) {
        out.println("summary");
        if (r.warmup() != null) {
            LoadResult.Warmup w = r.warmup();
            out.printf(Locale.ROOT, "  warm-up         %s, not measured: sent %d, approved %d, timeouts %d, errors %d%n",
                    Durations.format(w.duration()), w.sent(), w.approved(), w.timeouts(), w.errors());
        }
        out.printf(Locale.ROOT, "  connect         %.2f s (all signed on after %.2f s)%n", r.connectTime().toNanos() / 1e9,
                r.signOnTime().toNanos() / 1e9);
        out.printf(Locale.ROOT, "  duration        %.2f s%n", r.elapsed().toNanos() / 1e9);
        StringJoiner kinds = new StringJoiner(", ");
        r.sentByKind().forEach((k, n) -> {
            if (n > 0) kinds.add(k.id() + " " + n);
        });
        out.printf(Locale.ROOT, "  sent            %d%s%n", r.sent(), r.sent() == 0 ? "" : " (" + kinds + ")");
        out.printf(Locale.ROOT, "  throughput      %.1f answers/s%n", r.throughput());
        out.printf(Locale.ROOT, "  approved        %d%n", r.approved());
        out.printf(Locale.ROOT, "  declined        %d%n", r.declined());
        out.printf(Locale.ROOT, "  timeouts        %d%s%n", r.timeouts(), r.timeouts() == 0 ? "" : " (reversals answered: " + r.reversals() + ")");
        out.printf(Locale.ROOT, "  errors          %d%s%n", r.errors(), r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
        if (r.byTarget().size() > 1) {
            for (LoadResult.PerTarget t : r.byTarget()) {
                out.printf(Locale.ROOT, "  target          %s: %d terminal%s, sent %d, answered %d, timeouts %d, errors %d%n", t.target(), t.terminals(),
                        t.terminals() == 1 ? "" : "s", t.sent(), t.answered(), t.timeouts(), t.errors());
            }
        }
        if (r.unsent() > 0) out.printf(Locale.ROOT, "  not sent        %d (every terminal was busy until the end; add terminals)%n", r.unsent());
        LatencySummary l = r.latencyMs();
        out.printf(Locale.ROOT, "  latency ms      p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (from the intended send time)%n",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max());
        StringJoiner codes = new StringJoiner("  ");
        r.responseCodes().forEach((c, n) -> codes.add(c + ": " + n));
        out.printf("  response codes  %s%n", r.responseCodes().isEmpty() ? "-" : codes.toString());
    }

    /**
     * The {@code --json} document of PRODUCT.md §3, and {@code connectSeconds} and {@code signOnSeconds}: how long
     * it took until every terminal was connected, and signed on, counted from the first connect; with a warm-up,
     * {@code warmup}: its seconds, sent, approved, errors and timeouts (the rest is the measured run's alone).
     */
    public static Map<String, Object> json(LoadResult r) {
        Map<String, Object> latency = latencyJson(r.latencyMs());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", r.throughput());
        m.put("sent", r.sent());
        m.put("approved", r.approved());
        m.put("errors", r.errors());
        m.put("timeouts", r.timeouts());
        m.put("latencyMs", latency);
        m.put("responseCodes", new LinkedHashMap<>(r.responseCodes()));
        m.put("connectSeconds", LatencySummary.round(r.connectTime().toNanos() / 1e9, 3));
        m.put("signOnSeconds", LatencySummary.round(r.signOnTime().toNanos() / 1e9, 3));
        if (r.warmup() != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("seconds", LatencySummary.round(r.warmup().duration().toNanos() / 1e9, 3));
            w.put("sent", r.warmup().sent());
            w.put("approved", r.warmup().approved());
            w.put("errors", r.warmup().errors());
            w.put("timeouts", r.warmup().timeouts());
            m.put("warmup", w);
        }
        return m;
    }

    /** {@code latencyMs}: p50, p90, p99, p999 and max in milliseconds. */
    static Map<String, Object> latencyJson(LatencySummary l) {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", l.p50());
        latency.put("p90", l.p90());
        latency.put("p99", l.p99());
        latency.put("p999", l.p999());
        latency.put("max", l.max());
        return latency;
    }

    /** The words of {@code acqsim load merge}: each run, the warnings, then one summary of all. */
    public static void mergeSummary(PrintStream out, MergedRuns m) {
        out.printf(Locale.ROOT, "merge of %d run%s%n", m.runs().size(), m.runs().size() == 1 ? "" : "s");
        int i = 1;
        for (SavedRun r : m.runs()) {
            out.printf(Locale.ROOT, "  run %-11d %s: %s %s -> %s, %s for %.2f s, %d answers, %.1f/s%n", i++, r.json(), r.tids(), r.profile(),
                    String.join(",", r.targets()), r.startedAt().truncatedTo(ChronoUnit.MILLIS), java.time.Duration.between(r.startedAt(), r.endedAt()).toNanos() / 1e9,
                    r.answered(), r.throughput());
        }
        out.println("summary");
        out.printf(Locale.ROOT, "  window          %s to %s, %.2f s (earliest start to latest end)%n", m.startedAt().truncatedTo(ChronoUnit.MILLIS),
                m.endedAt().truncatedTo(ChronoUnit.MILLIS),
                m.window().toNanos() / 1e9);
        out.printf(Locale.ROOT, "  sent            %d%n", m.sent());
        out.printf(Locale.ROOT, "  throughput      %.1f answers/s (%d answers over the %.2f s window; the runs' own throughputs add up to %.1f/s)%n",
                m.throughput(), m.answered(), m.window().toNanos() / 1e9, m.runsThroughput());
        out.printf(Locale.ROOT, "  approved        %d%n", m.approved());
        out.printf(Locale.ROOT, "  declined        %d%n", m.declined());
        out.printf(Locale.ROOT, "  timeouts        %d%n", m.timeouts());
        out.printf(Locale.ROOT, "  errors          %d%n", m.errors());
        LatencySummary l = m.latencyMs();
        out.printf(Locale.ROOT, "  latency ms      p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (from the intended send time)%n",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max());
        out.printf(Locale.ROOT, "  latencies       %d, the runs' histograms added (microseconds, %d significant digits)%n",
                m.latencies().getTotalCount(), m.latencies().getNumberOfSignificantValueDigits());
        StringJoiner codes = new StringJoiner("  ");
        m.responseCodes().forEach((c, n) -> codes.add(c + ": " + n));
        out.printf("  response codes  %s%n", m.responseCodes().isEmpty() ? "-" : codes.toString());
    }

    public static void writeJson(LoadResult r, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(file.toFile(), json(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
