package io.acqsim.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.clock.BusinessDates;
import io.acqsim.config.HostConfig;
import io.acqsim.config.Merchant;
import io.acqsim.fault.Fault;
import io.acqsim.fault.Window;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.SettlementBanks;
import io.acqsim.report.Band;
import io.acqsim.report.PayoutReport;
import io.acqsim.report.PayoutView;
import io.acqsim.report.Timeline;
import io.acqsim.report.TimelineBands;

/**
 * The payout report and timeline benchmark of issue 13, on the shipped configuration and a fresh
 * embedded H2 ledger: {@code --merchants} (100) generated merchants sell on {@code --days} (100)
 * consecutive business dates from Monday 2026-08-03 (across Mid-Autumn and National Day), the
 * transactions bulk-inserted as {@link SettlementBench} does, and the manual clock is advanced through
 * every cutover, clearing and payout (setup, not timed) with a PSBC outage, a merchant's frozen account
 * and a one-day holiday freeze on top. Then, per round:
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
    private static final LocalDate FIRST = LocalDate.of(2026, 8, 3);

    private Path home = Path.of(".");
    private int rounds = 5;
    private int merchants = 100;
    private int days = 100;
    private int transactions = 0;
    private long seed = 42;
    private Path out;

    private ReportTimelineBench() {
    }

    public static void main(String[] args) throws Exception {
        ReportTimelineBench b = new ReportTimelineBench();
        b.parse(args);
        if (System.getProperty("acqsim.log.dir") == null) {
            System.setProperty("acqsim.log.dir", Files.createTempDirectory("acqsim-rtbench-log-").toString());
        }
        System.exit(b.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--home" -> home = Path.of(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--merchants" -> merchants = Integer.parseInt(v);
                case "--days" -> days = Integer.parseInt(v);
                case "--transactions" -> transactions = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (transactions == 0) transactions = merchants * days * 6;
        home = home.toAbsolutePath().normalize();
    }

    private int run() throws Exception {
        Path dir = Files.createTempDirectory("acqsim-rtbench-");
        try {
            HostConfig cfg = HostConfig.load(home.resolve("cfg/acqsim.yml"), dir, Map.of());
            ZoneId zone = cfg.zone();
            List<Merchant> ms = SettlementBench.generatedMerchants(merchants, cfg);
            List<LocalDate> dates = Stream.iterate(FIRST, d -> d.plusDays(1)).limit(days).toList();
            LocalDate last = dates.getLast();
            SyntheticTransactions txns = new SyntheticTransactions(ms, dates, transactions, zone, cfg.cutover(), seed);
            Instant start = BusinessDates.closesAt(FIRST.minusDays(1), zone, cfg.cutover());
            Instant end = last.plusDays(1).atTime(18, 0).atZone(zone).toInstant();
            try (SettlementBench.Stand s = new SettlementBench.Stand(cfg, dir, ms, start)) {
                long t0 = System.nanoTime();
                List<Fault> faults = faults(s, ms, zone);
                txns.insert(s.ledger.dataSource(), 5_000, true);
                s.settlement.start();
                s.scheduler.advanceTo(end);
                int count = s.settlement.payouts().list(PayoutQuery.ALL, end).size();
                System.out.printf(Locale.ROOT, "setup (not timed): %,d transactions, %d merchants x %d business dates %s..%s, clock to %s: %.1f s; "
                        + "%,d payouts in the ledger, %s%n", transactions, merchants, days, FIRST, last, OffsetDateTime.ofInstant(end, zone),
                        (System.nanoTime() - t0) / 1e9, count, s.settlement.payouts().countByStatus());
                if (count < merchants * days * 99 / 100) throw new IllegalStateException("expected about " + merchants * days + " payouts, got " + count);

                List<Double> report = new ArrayList<>();
                List<Double> render = new ArrayList<>();
                List<Double> timeline = new ArrayList<>();
                long reportBytes = 0;
                long svgBytes = 0;
                for (int r = 1; r <= rounds; r++) {
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
                    if (out != null && r == rounds) {
                        Files.createDirectories(out);
                        Files.writeString(out.resolve("report.html"), html);
                        Files.writeString(out.resolve("timeline.svg"), svg);
                    }
                }
                double rep = median(report);
                double tl = median(timeline);
                System.out.printf(Locale.ROOT, "%nmedian report %.3f s (render %.3f s), %.2f MB  (targets <= 3 s: %s, <= 5 MB: %s)%n", rep, median(render),
                        reportBytes / 1e6, rep <= 3 ? "MET" : "MISSED", reportBytes <= 5_000_000 ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "median timeline (14 days) %.3f s, %,d bytes  (target <= 1 s: %s)%n", tl, svgBytes, tl <= 1 ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "RESULT report_s=%.3f report_render_s=%.3f report_bytes=%d timeline_s=%.3f timeline_bytes=%d%n", rep,
                        median(render), reportBytes, tl, svgBytes);
            }
        } finally {
            delete(dir);
        }
        return 0;
    }

    /** A PSBC outage, merchant 3's frozen account and a one-day holiday freeze, switched on as FaultActivator does. */
    private static List<Fault> faults(SettlementBench.Stand s, List<Merchant> ms, ZoneId zone) {
        Instant outFrom = LocalDate.of(2026, 10, 8).atTime(8, 0).atZone(zone).toInstant();
        Instant outTo = LocalDate.of(2026, 10, 8).atTime(15, 30).atZone(zone).toInstant();
        s.settlement.banks().addOutage(new SettlementBanks.Outage("PSBC", outFrom, outTo, "PSBC core system upgrade", "F-1"));
        String frozen = ms.get(2).id();
        Instant frFrom = LocalDate.of(2026, 9, 7).atStartOfDay(zone).toInstant();
        Instant frTo = LocalDate.of(2026, 9, 14).atStartOfDay(zone).toInstant();
        s.settlement.accounts().freeze(new MerchantAccounts.Freeze(frozen, frFrom, frTo, "account frozen", "F-2"));
        LocalDate fz = LocalDate.of(2026, 9, 30);
        s.settlement.updateCalendar(c -> c.withFreeze(new HolidayFreeze("F-3", "pre-holiday freeze", fz, fz)));
        return List.of(
                new Fault("F-1", "bank-outage", new Window(outFrom, outTo), Map.of("bank", "PSBC", "detail", "core system upgrade"), "bench"),
                new Fault("F-2", "account-frozen", new Window(frFrom, frTo), Map.of("merchant", frozen), "bench"),
                new Fault("F-3", "holiday-freeze", new Window(fz.atStartOfDay(zone).toInstant(), fz.plusDays(1).atStartOfDay(zone).toInstant()),
                        Map.of("name", "pre-holiday freeze"), "bench"));
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
