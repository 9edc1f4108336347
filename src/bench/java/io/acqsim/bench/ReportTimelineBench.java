package io.acqsim.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.acqsim.config.HostConfig;
import io.acqsim.fault.Fault;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.report.Band;
import io.acqsim.report.PayoutReport;
import io.acqsim.report.PayoutView;
import io.acqsim.report.Timeline;
import io.acqsim.report.TimelineBands;

/**
 * The payout report and timeline benchmark of issue 13, on the shipped configuration and a fresh
 * embedded H2 ledger of {@link SeededPayouts} ({@code --merchants} (100) × {@code --days} (100) business
 * dates; setup, not timed). Then, per round:
 * <ul>
 * <li>report: every payout read from the ledger, the bands of their span, and the HTML report rendered
 *     (what {@code report payouts --format html} and the demo do; target 3 s, file 5 MB);</li>
 * <li>timeline: the last 14 days up to the clock, read and drawn as {@code GET /api/payouts/timeline.svg}
 *     does (the dashboard's first paint; target 1 s).</li>
 * </ul>
 * <pre>java -cp ... io.acqsim.bench.ReportTimelineBench --home . [--rounds 5] [--merchants 100] [--days 100]
 *     [--transactions 60000] [--seed 42] [--out DIR]</pre>
 */
public final class ReportTimelineBench {
    private final PayoutBenchArgs args;

    private ReportTimelineBench(PayoutBenchArgs args) {
        this.args = args;
    }

    public static void main(String[] args) throws Exception {
        ReportTimelineBench b = new ReportTimelineBench(PayoutBenchArgs.parse(args, 5, true));
        PayoutBenchArgs.logsToTemp("acqsim-rtbench-log-");
        System.exit(b.run());
    }

    private int run() throws Exception {
        Path dir = Files.createTempDirectory("acqsim-rtbench-");
        try {
            HostConfig cfg = HostConfig.load(args.home().resolve("cfg/acqsim.yml"), dir, Map.of());
            ZoneId zone = cfg.zone();
            try (SeededPayouts seeded = SeededPayouts.seed(cfg, dir, args.merchants(), args.days(), args.transactions(), args.seed())) {
                SettlementBench.Stand s = seeded.stand();
                List<Fault> faults = seeded.faults();
                Instant end = seeded.end();
                List<Double> report = new ArrayList<>();
                List<Double> render = new ArrayList<>();
                List<Double> timeline = new ArrayList<>();
                long reportBytes = 0;
                long svgBytes = 0;
                for (int r = 1; r <= args.rounds(); r++) {
                    long a = System.nanoTime();
                    List<PayoutView> all = s.settlement.payouts().list(PayoutQuery.ALL, end).stream().map(p -> PayoutView.of(p, zone)).toList();
                    OffsetDateTime now = OffsetDateTime.ofInstant(end, zone);
                    Timeline.Span span = Timeline.Span.covering(all, now, zone);
                    List<Band> bands = TimelineBands.of(s.settlement.calendar(), faults, span.from(), span.to(), zone);
                    long b = System.nanoTime();
                    String html = new PayoutReport(all, now, zone, bands).render(PayoutReport.Format.HTML);
                    long c = System.nanoTime();
                    reportBytes = html.getBytes(StandardCharsets.UTF_8).length;

                    LocalDate to = end.atZone(zone).toLocalDate();
                    LocalDate from = to.minusDays(13);
                    long d = System.nanoTime();
                    List<PayoutView> recent = s.settlement.payouts().list(new PayoutQuery(null, null, from.minusDays(31), to, null, null), end).stream()
                            .map(p -> PayoutView.of(p, zone)).toList();
                    String svg = Timeline.render(new Timeline.Input(from, to, zone, now, recent,
                            TimelineBands.of(s.settlement.calendar(), faults, from, to, zone))).svg();
                    long e = System.nanoTime();
                    svgBytes = svg.getBytes(StandardCharsets.UTF_8).length;
                    report.add((c - a) / 1e9);
                    render.add((c - b) / 1e9);
                    timeline.add((e - d) / 1e9);
                    System.out.printf(Locale.ROOT, "round %d: report %.3f s (read %,d payouts %.3f s, render %.3f s), %,d bytes | timeline %s..%s "
                                    + "(%,d payouts read) %.3f s, %,d bytes%n", r, (c - a) / 1e9, all.size(), (b - a) / 1e9, (c - b) / 1e9, reportBytes,
                            from, to, recent.size(), (e - d) / 1e9, svgBytes);
                    if (args.out() != null && r == args.rounds()) {
                        Files.createDirectories(args.out());
                        Files.writeString(args.out().resolve("report.html"), html);
                        Files.writeString(args.out().resolve("timeline.svg"), svg);
                    }
                }
                double rep = PayoutBenchArgs.median(report);
                double tl = PayoutBenchArgs.median(timeline);
                System.out.printf(Locale.ROOT, "%nmedian report %.3f s (render %.3f s), %.2f MB  (targets <= 3 s: %s, <= 5 MB: %s)%n", rep, PayoutBenchArgs.median(render),
                        reportBytes / 1e6, rep <= 3 ? "MET" : "MISSED", reportBytes <= 5_000_000 ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "median timeline (14 days) %.3f s, %,d bytes  (target <= 1 s: %s)%n", tl, svgBytes, tl <= 1 ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "RESULT report_s=%.3f report_render_s=%.3f report_bytes=%d timeline_s=%.3f timeline_bytes=%d%n", rep,
                        PayoutBenchArgs.median(render), reportBytes, tl, svgBytes);
            }
        } finally {
            PayoutBenchArgs.delete(dir);
        }
        return 0;
    }

}
