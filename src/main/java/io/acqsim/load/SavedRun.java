package io.acqsim.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One load run as its two files: {@code --json FILE} (the summary of PRODUCT.md §3, plus {@code run}: its id, measured
 * window on the wall clock, terminals, profile and targets, and {@code histogram}: the file, unit, precision and count of
 * its latencies) and, beside it under the same base name with {@code .hlog}, its {@link HistogramLog}. Each file names the
 * other and both carry the run's id, so {@code acqsim load merge} takes either and can tell a mismatched pair.
 *
 * @param histogram the run's latencies, microseconds, all its histogram log holds
 */
public record SavedRun(Path json, Path hlog, String id, long sent, long approved, long errors, long timeouts, long answered,
                       Map<String, Long> responseCodes, double throughput, double connectSeconds, double signOnSeconds, String profile,
                       List<String> targets, int firstTerminal, int terminals, Instant startedAt, Instant endedAt, int digits,
                       Histogram histogram) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The last terminal number of the run. */
    public int lastTerminal() {
        return firstTerminal + terminals - 1;
    }

    /** e.g. {@code T0000001..T0000010}. */
    public String tids() {
        return TerminalWorker.tid(firstTerminal) + ".." + TerminalWorker.tid(lastTerminal());
    }

    /** The histogram log beside {@code json}: its name with the extension (if any) replaced by {@code .hlog}. */
    public static Path histogramPath(Path json) {
        String name = json.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return json.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".hlog");
    }

    /** Writes {@code --json FILE} and its histogram log beside it; returns the log's path. */
    public static Path write(LoadRun.Options o, LoadResult r, Path json) {
        Path hlog = histogramPath(json);
        if (hlog.getFileName().equals(json.getFileName())) throw new IllegalArgumentException("--json " + json + ": the histogram log goes to that name; name the JSON file differently, e.g. load.json");
        String id = UUID.randomUUID().toString();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", id);
        run.put("startedAt", r.startedAt().toString());
        run.put("endedAt", r.endedAt().toString());
        run.put("seconds", LatencySummary.round(r.elapsed().toNanos() / 1e9, 3));
        run.put("answered", r.answered());
        run.put("profile", o.profile().id());
        run.put("targets", o.targets().stream().map(Target::toString).toList());
        run.put("firstTerminal", o.firstTerminal());
        run.put("terminals", o.terminals());
        List<Map<String, Object>> byTarget = new ArrayList<>();
        for (LoadResult.PerTarget t : r.byTarget()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("target", t.target().toString());
            one.put("terminals", t.terminals());
            one.put("sent", t.sent());
            one.put("answered", t.answered());
            one.put("timeouts", t.timeouts());
            one.put("errors", t.errors());
            byTarget.add(one);
        }
        run.put("byTarget", byTarget);
        Map<String, Object> m = LoadReport.json(r);
        m.put("run", run);
        m.put("histogram", histogramJson(hlog, r.latencies()));
        String about = "terminals " + o.firstTid() + ".." + o.lastTid() + ", " + o.profile().id() + " -> "
                + String.join(",", o.targets().stream().map(Target::toString).toList());
        writeBoth(json, m, hlog, id, HistogramLog.about(about, r.startedAt(), r.endedAt()), r.latencies());
        return hlog;
    }

    /** The {@code histogram} object: the log's file name (beside the JSON), the unit, the precision and how many latencies it holds. */
    static Map<String, Object> histogramJson(Path hlog, Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", hlog.getFileName().toString());
        m.put("unit", HistogramLog.UNIT);
        m.put("significantDigits", h.getNumberOfSignificantValueDigits());
        m.put("count", h.getTotalCount());
        return m;
    }

    static void writeBoth(Path json, Map<String, Object> document, Path hlog, String id, String about, Histogram h) {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            HistogramLog.write(hlog, id, json.getFileName().toString(), about, h);
            JSON.writeValue(json.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a run from either of its files (the {@code .hlog}, or anything else as its JSON) and the other one it names;
     * IllegalArgumentException naming the file when one is missing, not acqsim's, corrupt, or of another run.
     */
    public static SavedRun read(Path file) {
        Path json;
        Path hlog;
        HistogramLog.Contents log;
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".hlog")) {
            hlog = file;
            log = HistogramLog.read(hlog);
            json = file.resolveSibling(log.jsonName());
            if (!Files.isRegularFile(json)) throw new IllegalArgumentException(hlog + " names its JSON " + json + ", which is missing: copy both files of each run");
        } else {
            json = file;
            hlog = null;
            log = null;
        }
        JsonNode j = readJson(json);
        if (j.at("/run/merged").isArray()) throw new IllegalArgumentException(json + ": a merged summary (load merge --json); give the runs' own files");
        JsonNode h = j.get("histogram");
        JsonNode run = j.get("run");
        if (h == null || run == null || !h.isObject() || !run.isObject()) {
            throw new IllegalArgumentException(json + ": not a run of acqsim load --json with a histogram log (no 'run' and 'histogram'"
                    + " objects; written by another tool or an older acqsim?)");
        }
        if (!HistogramLog.UNIT.equals(h.path("unit").asText())) {
            throw new IllegalArgumentException(json + ": histogram unit '" + h.path("unit").asText() + "', not " + HistogramLog.UNIT);
        }
        String id = text(json, run, "id");
        if (hlog == null) {
            hlog = json.resolveSibling(text(json, h, "file"));
            if (!Files.isRegularFile(hlog)) throw new IllegalArgumentException(json + " names its histogram log " + hlog + ", which is missing: copy both files of each run");
            log = HistogramLog.read(hlog);
        }
        if (!log.runId().equals(id)) {
            throw new IllegalArgumentException(json + " and " + hlog + " are of different runs (ids " + id + " and " + log.runId() + ")");
        }
        long count = number(json, h, "count");
        if (log.histogram().getTotalCount() != count) {
            throw new IllegalArgumentException(hlog + " holds " + log.histogram().getTotalCount() + " latencies but " + json + " counts " + count
                    + ": a file was changed or cut short");
        }
        Map<String, Long> codes = new TreeMap<>();
        JsonNode c = j.path("responseCodes");
        if (!c.isObject()) throw new IllegalArgumentException(json + ": 'responseCodes' is missing or not an object");
        c.fields().forEachRemaining(e -> {
            if (!e.getValue().canConvertToLong()) throw new IllegalArgumentException(json + ": responseCodes." + e.getKey() + " is not a count");
            codes.put(e.getKey(), e.getValue().asLong());
        });
        List<String> targets = new ArrayList<>();
        run.path("targets").forEach(t -> targets.add(t.asText()));
        return new SavedRun(json, hlog, id, number(json, j, "sent"), number(json, j, "approved"), number(json, j, "errors"),
                number(json, j, "timeouts"), number(json, run, "answered"), codes, decimal(json, j, "throughput"),
                decimal(json, j, "connectSeconds"), decimal(json, j, "signOnSeconds"), text(json, run, "profile"), List.copyOf(targets),
                (int) number(json, run, "firstTerminal"), (int) number(json, run, "terminals"), instant(json, run, "startedAt"),
                instant(json, run, "endedAt"), log.digits(), log.histogram());
    }

    private static JsonNode readJson(Path json) {
        if (Files.isDirectory(json)) throw new IllegalArgumentException(json + ": a directory, not a run's file");
        if (!Files.exists(json)) throw new IllegalArgumentException(json + ": no such file");
        try {
            JsonNode j = JSON.readTree(json.toFile());
            if (j == null || !j.isObject()) throw new IllegalArgumentException(json + ": not a JSON object (a run's --json file or .hlog)");
            return j;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new IllegalArgumentException(json + ": not JSON (" + where + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(json + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static JsonNode field(Path file, JsonNode parent, String name) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) throw new IllegalArgumentException(file + ": '" + name + "' is missing");
        return v;
    }

    private static String text(Path file, JsonNode parent, String name) {
        JsonNode v = field(file, parent, name);
        if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(file + ": '" + name + "' is not a text");
        return v.asText();
    }

    private static long number(Path file, JsonNode parent, String name) {
        JsonNode v = field(file, parent, name);
        if (!v.isIntegralNumber() || v.asLong() < 0) throw new IllegalArgumentException(file + ": '" + name + "' is not a count (" + v + ")");
        return v.asLong();
    }

    private static double decimal(Path file, JsonNode parent, String name) {
        JsonNode v = field(file, parent, name);
        if (!v.isNumber()) throw new IllegalArgumentException(file + ": '" + name + "' is not a number (" + v + ")");
        return v.asDouble();
    }

    private static Instant instant(Path file, JsonNode parent, String name) {
        try {
            return Instant.parse(text(file, parent, name));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": '" + name + "' is not an instant like 2026-12-02T02:40:49.123Z (" + parent.get(name) + ")");
        }
    }
}
