package io.acqsim.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogScanner;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A run's latencies as an HdrHistogram log ({@link HistogramLogWriter}'s format, readable by HdrHistogram's own
 * tools): two comment lines of acqsim's first — what the values are (microseconds from the intended send time,
 * to how many significant digits) and the run's id and JSON file — then HdrHistogram's version, start time and
 * legend, then one interval line holding the whole measured window's histogram (its {@code Interval_Max}
 * column in milliseconds).
 *
 * <p>Reading is strict: HdrHistogram's own {@code HistogramLogReader} stops quietly at a line it cannot parse,
 * so a truncated file would merge as fewer latencies; here any bad line is an error naming the file.
 */
final class HistogramLog {
    static final String UNIT = "microseconds";
    private static final String HEADER = "acqsim load latency histogram: " + UNIT;
    private static final Pattern HEADER_LINE = Pattern.compile("#" + Pattern.quote(HEADER) + " .*, (\\d+) significant digits.*");
    private static final Pattern RUN_LINE = Pattern.compile("#acqsim run (\\S+); json (.+)");

    /** What an acqsim histogram log holds: its run's id, the file name of its JSON (same directory), all its histograms added. */
    record Contents(String runId, String jsonName, int digits, Histogram histogram) {
    }

    private HistogramLog() {
    }

    /** Writes {@code h} (microseconds, its time stamps the measured window's) to {@code file}; {@code about}: one more comment line. */
    static void write(Path file, String runId, String jsonName, String about, Histogram h) {
        try (OutputStream out = Files.newOutputStream(file)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputComment(HEADER + " from the intended send time to the answer (or the timeout), "
                    + h.getNumberOfSignificantValueDigits() + " significant digits; Interval_Max in milliseconds");
            w.outputComment("acqsim run " + runId + "; json " + jsonName);
            w.outputComment(about);
            w.outputLogFormatVersion();
            w.outputStartTime(h.getStartTimeStamp());
            w.setBaseTime(h.getStartTimeStamp());
            w.outputLegend();
            w.outputIntervalHistogram(0, (h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0, h, 1000.0);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an acqsim histogram log; IllegalArgumentException naming the file when it is missing, foreign or corrupt. */
    static Contents read(Path file) {
        List<String> head = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; head.size() < 2 && (line = r.readLine()) != null; ) head.add(line);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Matcher header = head.isEmpty() ? null : HEADER_LINE.matcher(head.getFirst());
        if (header == null || !header.matches()) {
            throw new IllegalArgumentException(file + ": not a histogram log of acqsim load (its first line is not '#" + HEADER + " ...')");
        }
        Matcher run = head.size() < 2 ? null : RUN_LINE.matcher(head.get(1));
        if (run == null || !run.matches()) throw new IllegalArgumentException(file + ": the second line does not name the run ('#acqsim run ID; json FILE')");
        Histogram total = new Histogram(Integer.parseInt(header.group(1)));
        int[] histograms = {0};
        try (InputStream in = Files.newInputStream(file); HistogramLogScanner scanner = new HistogramLogScanner(in)) {
            scanner.process(new HistogramLogScanner.EventHandler() {
                @Override
                public boolean onComment(String comment) {
                    return false;
                }

                @Override
                public boolean onBaseTime(double secondsSinceEpoch) {
                    return false;
                }

                @Override
                public boolean onStartTime(double secondsSinceEpoch) {
                    return false;
                }

                @Override
                public boolean onHistogram(String tag, double timestamp, double length, HistogramLogScanner.EncodableHistogramSupplier lazy) {
                    EncodableHistogram h;
                    try {
                        h = lazy.read();
                    } catch (java.util.zip.DataFormatException e) {
                        throw new IllegalArgumentException(file + ": histogram " + (histograms[0] + 1) + " is corrupt (" + e.getMessage() + ")");
                    }
                    if (!(h instanceof Histogram integral)) {
                        throw new IllegalArgumentException(file + ": histogram " + (histograms[0] + 1) + " is a " + h.getClass().getSimpleName()
                                + ", not the integer microseconds acqsim load writes");
                    }
                    total.add(integral);
                    histograms[0]++;
                    return false;
                }

                @Override
                public boolean onException(Throwable t) {
                    if (t instanceof IllegalArgumentException mine && mine.getMessage() != null && mine.getMessage().startsWith(file.toString())) throw mine;
                    throw new IllegalArgumentException(file + ": corrupt: a line after " + histograms[0] + " histogram" + (histograms[0] == 1 ? "" : "s")
                            + " is not a histogram (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")", t);
                }
            });
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (histograms[0] == 0) throw new IllegalArgumentException(file + ": holds no histogram (truncated?)");
        return new Contents(run.group(1), run.group(2).strip(), Integer.parseInt(header.group(1)), total);
    }

    /** The comment line naming what the run was: e.g. {@code terminals T0000001..T0000010, iso87a -> 127.0.0.1:8584; measured A to B}. */
    static String about(String what, Instant from, Instant to) {
        return what + "; measured " + from + " to " + to;
    }
}
