package io.acqsim.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.acqsim.json.Json;
import io.acqsim.report.Html;

/**
 * The replay report: a readable summary for the terminal — counts, mismatches per field with the value
 * pairs behind them ({@code 39: 12 (00→51 ×9, 00→05 ×3)}), the first mismatches and skipped records in
 * detail — and the same as JSON, or as a self-contained HTML page when the file name ends in .html.
 */
public final class ReplayReport {
    static final int SHOWN = 50;
    private static final int PAIRS_SHOWN = 5;

    private final ReplaySummary run;
    private final ReplayStats stats;

    public ReplayReport(ReplaySummary run, ReplayStats stats) {
        this.run = run;
        this.stats = stats;
    }

    /** 0 every exchange matched, 1 any mismatch; bad input (skipped records) and an unreachable target are the caller's 2. */
    public int exitCode() {
        return stats.mismatches() > 0 ? 1 : 0;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "replay%s: %,d requests sent to %s, pace %s, %s%s%n", run.stopped() ? " (stopped early)" : "",
                stats.sent(), run.target(), run.pace(), run.compare() ? "answers compared field by field" : "answers not compared (no --compare)",
                run.verbatim() ? ", verbatim" : "");
        out.printf(Locale.ROOT, "  answered %,d · no answer %,d · unexpected answers %,d · extra answers %,d · late answers %,d%n",
                stats.answered(), stats.noAnswer(), stats.unexpectedAnswers(), stats.extraAnswers(), stats.lateAnswers());
        out.printf(Locale.ROOT, "  matched %,d · mismatched %,d%s%n", stats.matched(), stats.mismatched(),
                stats.notSent() > 0 ? String.format(Locale.ROOT, " · not sent %,d", stats.notSent()) : "");
        if (!stats.byField().isEmpty()) {
            out.println("  mismatches by field:");
            stats.byField().forEach((f, c) -> out.println("    " + fieldLine(f, c)));
        }
        long[] late = stats.lateness();
        if (late != null) out.printf(Locale.ROOT, "  sends late (open loop): p50 %s, p99 %s, max %s%n", ms(late[0]), ms(late[1]), ms(late[2]));
        double seconds = run.elapsed().toNanos() / 1e9;
        out.printf(Locale.ROOT, "  input: %,d messages read, %,d responses without a request, %,d records skipped; %,d masked cards given test PANs%n",
                run.messagesRead(), run.orphans(), stats.problems() - stats.unsendable(), stats.cardsReplaced());
        if (run.clockMoves() > 0 || run.clockBehind() > 0) {
            out.printf(Locale.ROOT, "  clock: moved %,d times; %,d requests recorded before the host's clock were sent at its time%n", run.clockMoves(), run.clockBehind());
        }
        out.printf(Locale.ROOT, "  %,.0f requests/s over %.2f s%n", stats.sent() / Math.max(seconds, 1e-9), seconds);
        List<Mismatch> details = stats.details();
        if (!details.isEmpty()) {
            out.printf(Locale.ROOT, "mismatches (%s):%n", details.size() < stats.mismatches() || details.size() > SHOWN
                    ? String.format(Locale.ROOT, "first %d of %,d", Math.min(SHOWN, details.size()), stats.mismatches()) : "all " + details.size());
            details.stream().limit(SHOWN).forEach(m -> out.println("  " + line(m)));
        }
        List<String> problems = stats.problemDetails();
        if (!problems.isEmpty()) {
            out.printf(Locale.ROOT, "skipped (%s):%n", problems.size() > SHOWN ? "first " + SHOWN + " of " + stats.problems() : "all " + problems.size());
            problems.stream().limit(SHOWN).forEach(p -> out.println("  " + p));
        }
    }

    static String line(Mismatch m) {
        String what = m.field().equals(Mismatch.ANSWER) ? (Mismatch.NONE.equals(m.got()) ? "no answer (expected " + m.expected() + ")"
                : Mismatch.NONE.equals(m.expected()) ? "unexpected answer " + m.got() : "answer " + m.expected() + " → " + m.got())
                : "field " + m.field() + ": expected " + m.expected() + ", got " + m.got();
        return String.format(Locale.ROOT, "%s TID %s STAN %s %s  (%s)", m.mti(), m.tid(), m.stan(), what, m.origin());
    }

    /** {@code 39: 12 (00→51 ×9, 00→05 ×3)}. */
    static String fieldLine(String field, ReplayStats.FieldCount c) {
        List<Map.Entry<String, Long>> pairs = new ArrayList<>(c.pairs().entrySet());
        pairs.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder sb = new StringBuilder(field).append(": ").append(c.count()).append(" (");
        for (int i = 0; i < Math.min(PAIRS_SHOWN, pairs.size()); i++) {
            if (i > 0) sb.append(", ");
            sb.append(pairs.get(i).getKey()).append(" ×").append(pairs.get(i).getValue());
        }
        long rest = c.otherPairs() + pairs.stream().skip(PAIRS_SHOWN).mapToLong(Map.Entry::getValue).sum();
        if (rest > 0) sb.append(", others ×").append(rest);
        return sb.append(')').toString();
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    /** Writes the report as HTML when {@code file} ends in .html, else as JSON. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) Files.writeString(file, html());
        else Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json());
    }

    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("inputs", run.inputs());
        j.put("target", run.target());
        j.put("pace", run.pace());
        j.put("compare", run.compare());
        j.put("verbatim", run.verbatim());
        j.put("stopped", run.stopped());
        j.put("elapsedSeconds", run.elapsed().toMillis() / 1000.0);
        j.put("messagesRead", run.messagesRead());
        j.put("sent", stats.sent());
        j.put("answered", stats.answered());
        j.put("matched", stats.matched());
        j.put("mismatched", stats.mismatched());
        j.put("noAnswer", stats.noAnswer());
        j.put("unexpectedAnswers", stats.unexpectedAnswers());
        j.put("extraAnswers", stats.extraAnswers());
        j.put("lateAnswers", stats.lateAnswers());
        j.put("notSent", stats.notSent());
        j.put("skipped", stats.problems());
        j.put("orphanResponses", run.orphans());
        j.put("requestsByMti", stats.requestsByMti());
        Map<String, Object> fields = new LinkedHashMap<>();
        stats.byField().forEach((f, c) -> fields.put(f, Map.of("count", c.count(), "pairs", c.pairs())));
        j.put("mismatchesByField", fields);
        j.put("mismatches", stats.details());
        j.put("mismatchesListed", stats.details().size() + " of " + stats.mismatches());
        j.put("skippedRecords", stats.problemDetails());
        return j;
    }

    String html() {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>acqsim replay</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
                td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}
                .bar{background:#e57373;height:12px;display:inline-block}.ok{color:#2e7d32}.bad{color:#c62828}</style></head><body>
                """);
        h.append("<h1>Replay").append(run.stopped() ? " (stopped early)" : "").append("</h1>\n<p>")
                .append(Html.esc(String.join(", ", run.inputs()))).append(" → ").append(Html.esc(run.target()))
                .append(", pace ").append(Html.esc(run.pace()))
                .append(run.compare() ? ", compared field by field" : ", not compared").append("</p>\n");
        h.append(stats.mismatches() == 0 ? "<p class=\"ok\"><b>All answers matched.</b></p>\n"
                : "<p class=\"bad\"><b>" + stats.mismatched() + " of " + stats.sent() + " exchanges mismatched.</b></p>\n");
        h.append("<table>");
        row(h, "sent", stats.sent());
        row(h, "answered", stats.answered());
        row(h, "matched", stats.matched());
        row(h, "mismatched", stats.mismatched());
        row(h, "no answer", stats.noAnswer());
        row(h, "unexpected answers", stats.unexpectedAnswers());
        row(h, "extra answers", stats.extraAnswers());
        row(h, "records skipped", stats.problems());
        h.append("</table>\n");
        Map<String, ReplayStats.FieldCount> byField = stats.byField();
        if (!byField.isEmpty()) {
            long most = byField.values().stream().mapToLong(ReplayStats.FieldCount::count).max().orElse(1);
            h.append("<h2>Mismatches by field</h2>\n<table><tr><th>field</th><th>count</th><th></th><th>expected → got</th></tr>\n");
            byField.forEach((f, c) -> h.append("<tr><td>").append(Html.esc(f)).append("</td><td class=\"n\">").append(c.count())
                    .append("</td><td><span class=\"bar\" style=\"width:").append(Math.max(2, 200 * c.count() / most)).append("px\"></span></td><td>")
                    .append(Html.esc(fieldLine(f, c).substring(f.length() + 2))).append("</td></tr>\n"));
            h.append("</table>\n<h2>Mismatches</h2>\n<table><tr><th>#</th><th>MTI</th><th>TID</th><th>STAN</th><th>field</th><th>expected</th><th>got</th><th>input</th></tr>\n");
            for (Mismatch m : stats.details()) {
                h.append("<tr><td class=\"n\">").append(m.sequence()).append("</td><td>").append(Html.esc(m.mti())).append("</td><td>")
                        .append(Html.esc(m.tid())).append("</td><td>").append(Html.esc(m.stan())).append("</td><td>").append(Html.esc(m.field()))
                        .append("</td><td>").append(Html.esc(m.expected())).append("</td><td>").append(Html.esc(m.got())).append("</td><td>")
                        .append(Html.esc(m.origin())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!stats.problemDetails().isEmpty()) {
            h.append("<h2>Skipped records</h2>\n<ul>\n");
            stats.problemDetails().forEach(p -> h.append("<li>").append(Html.esc(p)).append("</li>\n"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder h, String name, long n) {
        h.append("<tr><th>").append(name).append("</th><td class=\"n\">").append(n).append("</td></tr>");
    }
}
