package io.acqsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clearing.ClearingFile;
import io.acqsim.clearing.ClearingRow;
import io.acqsim.clock.BusinessDates;
import io.acqsim.clock.ClockMode;
import io.acqsim.clock.Scheduler;
import io.acqsim.clock.SimClock;
import io.acqsim.config.HostConfig;
import io.acqsim.config.Merchant;
import io.acqsim.config.Registry;
import io.acqsim.config.SettlementSettings;
import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.LedgerSettings;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutPlan;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.SettlementBanks;
import io.acqsim.settlement.Settlement;

/**
 * The settlement benchmarks of issue 4, on the shipped configuration (cfg/acqsim.yml: zone, cutover,
 * payout times, cn calendar) and a fresh embedded H2 ledger per round:
 * <ul>
 * <li>(a) one business date holding {@code --transactions} (1,000,000) across {@code --merchants}
 *     (10,000) generated merchants: the manual clock is advanced to the cutover (clearing and payout
 *     planning, timed as "clearing"), then to the last payout time of the date (every payout offered
 *     and paid, timed as "payouts").</li>
 * <li>(b) {@code --days-transactions} (100,000) over {@code --days} (30) business dates across the
 *     demo registry's merchants: the manual clock is advanced 30 days in one call, running every
 *     cutover, clearing and payout in between.</li>
 * </ul>
 * Transactions are bulk-inserted into the ledger before the clock moves (setup, not timed). Every
 * round checks the outcome against a clearing computed independently from the generated data — each
 * merchant's counts, amounts and fee to the fen, every payout present, paid when due and for the net —
 * and fails loudly if anything differs.
 *
 * <pre>java -cp ... io.acqsim.bench.SettlementBench --home . [--rounds 3] [--only a|b] [--merchants 10000]
 *     [--transactions 1000000] [--days 30] [--days-transactions 100000] [--days-merchants 10] [--seed 42]
 *     [--load-with-indexes]</pre>
 * The load drops the secondary indexes of {@code transactions} and rebuilds them afterwards (see
 * {@link SyntheticTransactions#insert}); {@code --load-with-indexes} inserts with them in place instead,
 * row by row into every B-tree as the host does, which takes minutes per million rows.
 */
public final class SettlementBench {
    private static final LocalDate A_DATE = LocalDate.of(2026, 11, 18);   // a Wednesday, paid T1 on Thursday
    private static final LocalDate B_FIRST = LocalDate.of(2026, 9, 21);   // 30 days across Mid-Autumn and National Day

    private Path home = Path.of(".");
    private int rounds = 3;
    private String only = "ab";
    private int merchants = 10_000;
    private int transactions = 1_000_000;
    private int days = 30;
    private int daysTransactions = 100_000;
    private int daysMerchants = 10;
    private long seed = 42;
    private boolean rebuildIndexes = true;

    private SettlementBench() {
    }

    public static void main(String[] args) throws Exception {
        SettlementBench b = new SettlementBench();
        b.parse(args);
        if (System.getProperty("acqsim.log.dir") == null) {
            System.setProperty("acqsim.log.dir", Files.createTempDirectory("acqsim-sbench-log-").toString());
        }
        System.exit(b.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--home" -> home = Path.of(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--only" -> only = v;
                case "--merchants" -> merchants = Integer.parseInt(v);
                case "--transactions" -> transactions = Integer.parseInt(v);
                case "--days" -> days = Integer.parseInt(v);
                case "--days-transactions" -> daysTransactions = Integer.parseInt(v);
                case "--days-merchants" -> daysMerchants = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--load-with-indexes" -> {
                    rebuildIndexes = false;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        home = home.toAbsolutePath().normalize();
    }

    private int run() throws Exception {
        List<double[]> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            if (only.contains("a")) a.add(roundA(r));
            if (only.contains("b")) b.add(roundB(r));
        }
        System.out.println();
        if (!a.isEmpty()) {
            double clearing = median(a.stream().map(x -> x[0]).toList());
            double payouts = median(a.stream().map(x -> x[1]).toList());
            double total = median(a.stream().map(x -> x[0] + x[1]).toList());
            System.out.printf(Locale.ROOT, "median (a) %,d txns / %,d merchants: clearing %.3f s, payouts %.3f s, total %.3f s  (target <= 10 s: %s)%n",
                    transactions, merchants, clearing, payouts, total, total <= 10 ? "MET" : "MISSED");
            System.out.printf(Locale.ROOT, "RESULT a_clearing_s=%.3f a_payouts_s=%.3f a_total_s=%.3f%n", clearing, payouts, total);
        }
        if (!b.isEmpty()) {
            double total = median(b);
            System.out.printf(Locale.ROOT, "median (b) %,d txns / %d days / %d merchants: advance %.3f s  (target <= 5 s: %s)%n",
                    daysTransactions, days, daysMerchants, total, total <= 5 ? "MET" : "MISSED");
            System.out.printf(Locale.ROOT, "RESULT b_total_s=%.3f%n", total);
        }
        return 0;
    }

    // ---- (a) one business date, many merchants -----------------------------------------------------

    /** Returns {clearing seconds, payout seconds}. */
    private double[] roundA(int round) throws Exception {
        Path dir = Files.createTempDirectory("acqsim-sbench-a-");
        try {
            HostConfig cfg = HostConfig.load(home.resolve("cfg/acqsim.yml"), dir, Map.of());
            List<Merchant> ms = generatedMerchants(merchants, cfg);
            SyntheticTransactions txns = new SyntheticTransactions(ms, List.of(A_DATE), transactions, cfg.zone(), cfg.cutover(), seed + round);
            Instant cutover = BusinessDates.closesAt(A_DATE, cfg.zone(), cfg.cutover());
            try (Stand s = new Stand(cfg, dir, ms, cutover.minusSeconds(60))) {
                long load = load(s, txns);
                Instant paidBy = lastPayoutTime(s, ms, A_DATE);
                long c0 = cpu(), t0 = System.nanoTime();
                s.scheduler.advanceTo(cutover);
                long c1 = cpu(), t1 = System.nanoTime();
                s.scheduler.advanceTo(paidBy);
                long c2 = cpu(), t2 = System.nanoTime();
                double clearing = (t1 - t0) / 1e9, payouts = (t2 - t1) / 1e9;
                int paid = verifyDate(s, txns, A_DATE, paidBy);
                checkAllPaid(s, paid);
                System.out.printf(Locale.ROOT, "round %d (a): load %.1f s (not timed) %s | clearing %.3f s (cpu %.3f), payouts %.3f s (cpu %.3f), "
                                + "total %.3f s | verified %d clearing rows, %d payouts PAID by %s%n", round, load / 1e3, txns.statusCounts(),
                        clearing, (c1 - c0) / 1e9, payouts, (c2 - c1) / 1e9, clearing + payouts, s.settlement.clearing(A_DATE).size(), paid, paidBy);
                return new double[] {clearing, payouts};
            }
        } finally {
            delete(dir);
        }
    }

    // ---- (b) thirty days, the demo merchants --------------------------------------------------------

    private double roundB(int round) throws Exception {
        Path dir = Files.createTempDirectory("acqsim-sbench-b-");
        try {
            HostConfig cfg = HostConfig.load(home.resolve("cfg/acqsim.yml"), dir, Map.of());
            List<Merchant> registry = List.copyOf(Registry.load(cfg.registryFile()).merchants().values());
            List<Merchant> ms = daysMerchants == registry.size() ? registry : generatedMerchants(daysMerchants, cfg);
            List<LocalDate> dates = Stream.iterate(B_FIRST, d -> d.plusDays(1)).limit(days).toList();
            SyntheticTransactions txns = new SyntheticTransactions(ms, dates, daysTransactions, cfg.zone(), cfg.cutover(), seed + 1000 + round);
            Instant start = BusinessDates.closesAt(B_FIRST.minusDays(1), cfg.zone(), cfg.cutover());
            Instant end = start.plus(Duration.ofDays(days));
            try (Stand s = new Stand(cfg, dir, ms, start)) {
                long load = load(s, txns);
                long jobsBefore = s.scheduler.jobsRun();
                long c0 = cpu(), t0 = System.nanoTime();
                s.scheduler.advanceTo(end);
                long c1 = cpu(), t1 = System.nanoTime();
                double total = (t1 - t0) / 1e9;
                int paid = 0, waiting = 0;
                for (LocalDate d : dates) {
                    int p = verifyDate(s, txns, d, end);
                    paid += p;
                    waiting += s.settlement.payouts().list(new PayoutQuery(null, d, null, null, null, null), end).size() - p;
                }
                check(s.settlement.payouts().countByStatus().get(PayoutStatus.PAID) == paid, "PAID count in the database differs from " + paid);
                System.out.printf(Locale.ROOT, "round %d (b): load %.1f s (not timed) | advance %s -> %s: %.3f s (cpu %.3f), %d jobs | verified %d dates, "
                                + "%d payouts PAID, %d scheduled after the end PENDING%n", round, load / 1e3, start, end, total, (c1 - c0) / 1e9,
                        s.scheduler.jobsRun() - jobsBefore, dates.size(), paid, waiting);
                return total;
            }
        } finally {
            delete(dir);
        }
    }

    // ---- verification ------------------------------------------------------------------------------

    /**
     * Checks the stored clearing of {@code d} against the independent computation, row by row, and its
     * payouts: one per merchant with a positive net, for that net, PAID at its scheduled time if that is
     * not after {@code by}, else still PENDING. Returns the payouts paid.
     */
    private static int verifyDate(Stand s, SyntheticTransactions txns, LocalDate d, Instant by) throws IOException {
        Map<String, SyntheticTransactions.Expected> expected = txns.expected(d);
        List<ClearingRow> rows = s.settlement.clearing(d);
        check(rows.size() == expected.size(), d + ": " + rows.size() + " clearing rows, expected " + expected.size());
        long netSum = 0, expectedNetSum = 0;
        for (ClearingRow r : rows) {
            SyntheticTransactions.Expected e = expected.get(r.merchantId());
            check(e != null, d + ": unexpected clearing row for " + r.merchantId());
            check(r.currency().equals("156") && r.salesCount() == e.salesCount() && r.salesAmount() == e.salesAmount()
                            && r.refundCount() == e.refundCount() && r.refundAmount() == e.refundAmount() && r.fee() == e.fee(),
                    d + " " + r.merchantId() + ": cleared " + r + ", expected " + e);
            netSum += r.net();
        }
        for (SyntheticTransactions.Expected e : expected.values()) expectedNetSum += e.net();
        check(netSum == expectedNetSum, d + ": clearing net " + netSum + " != expected " + expectedNetSum);
        List<String> lines = Files.readAllLines(ClearingFile.path(s.clearingDir, d));
        check(lines.size() == rows.size() + 1 && lines.getFirst().equals(ClearingFile.HEADER), d + ": clearing file has " + lines.size() + " lines");

        List<Payout> payouts = s.settlement.payouts().list(new PayoutQuery(null, d, null, null, null, null), by);
        long positive = expected.values().stream().filter(e -> e.net() > 0).count();
        check(payouts.size() == positive, d + ": " + payouts.size() + " payouts, expected " + positive);
        int paid = 0;
        for (Payout p : payouts) {
            SyntheticTransactions.Expected e = expected.get(p.merchantId());
            check(e != null && p.net() == e.net() && p.count() == e.count(), d + ": payout " + p.id() + " net " + p.net() + ", expected " + e);
            if (!p.scheduledAt().isAfter(by)) {
                check(p.status() == PayoutStatus.PAID && p.scheduledAt().equals(p.paidAt()) && p.attempts() == 1,
                        d + ": payout " + p.id() + " is " + p.status() + " paid " + p.paidAt() + ", scheduled " + p.scheduledAt());
                paid++;
            } else {
                check(p.status() == PayoutStatus.PENDING && p.attempts() == 0, d + ": payout " + p.id() + " due " + p.scheduledAt() + " is " + p.status());
            }
        }
        return paid;
    }

    private static void checkAllPaid(Stand s, int paid) {
        Map<PayoutStatus, Long> byStatus = s.settlement.payouts().countByStatus();
        for (PayoutStatus st : PayoutStatus.values()) {
            long want = st == PayoutStatus.PAID ? paid : 0;
            check(byStatus.get(st) == want, "payouts " + st + ": " + byStatus.get(st) + ", expected " + want);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("VERIFY FAILED: " + what);
    }

    // ---- set-up --------------------------------------------------------------------------------------

    /** The latest time any product schedules a payout of {@code d} on the configured calendar. */
    private static Instant lastPayoutTime(Stand s, List<Merchant> ms, LocalDate d) {
        SettlementSettings st = s.settlement.settings();
        PayoutPlan plan = new PayoutPlan(s.cfg.zone(), st.payoutTime(), st.d0Time());
        return ms.stream().map(Merchant::product).distinct().map(p -> plan.plan(p, d, s.settlement.calendar()).scheduledAt())
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Inserts the transactions, then starts the engine (merchants table, cutover job); returns milliseconds. */
    private long load(Stand s, SyntheticTransactions txns) throws Exception {
        long t = System.nanoTime();
        txns.insert(s.ledger.dataSource(), 5_000, rebuildIndexes);
        s.settlement.start();
        return (System.nanoTime() - t) / 1_000_000;
    }

    /**
     * {@code n} merchants: banks PSBC and ICBC alternating; products 60 % T1, 25 % D1, 15 % D0; the
     * configured fees, and every 20th merchant a negotiated rate (card 45 bp, QR 30 bp).
     */
    static List<Merchant> generatedMerchants(int n, HostConfig cfg) {
        Registry demo = Registry.load(cfg.registryFile());
        Merchant any = demo.merchants().values().iterator().next();
        List<Merchant> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int mod = i % 20;
            String product = mod < 12 ? "T1" : mod < 17 ? "D1" : "D0";
            boolean negotiated = i % 20 == 7;
            out.add(new Merchant(String.format("B%014d", i + 1), "Bench merchant " + (i + 1), i % 2 == 0 ? "PSBC" : "ICBC",
                    String.format("62170%014d", i + 1), product, negotiated ? 45 : any.cardFeeBp(), negotiated ? 30 : any.qrFeeBp()));
        }
        return out;
    }

    /** The engine stood up as the host does (AcqsimHost), on a manual clock. */
    static final class Stand implements AutoCloseable {
        final HostConfig cfg;
        final Ledger ledger;
        final Scheduler scheduler;
        final Settlement settlement;
        final Path clearingDir;

        Stand(HostConfig cfg, Path dir, List<Merchant> merchants, Instant start) {
            this.cfg = cfg;
            this.ledger = Ledger.open(new LedgerSettings(cfg.ledgerUrl(), cfg.ledgerUser(), cfg.ledgerPassword(), cfg.groupCommitMax(),
                    cfg.ledgerJournal(), cfg.ledgerSync()));
            this.scheduler = new Scheduler(new SimClock(ClockMode.MANUAL, start, cfg.zone()));
            this.clearingDir = dir.resolve("clearing");
            SettlementSettings st = cfg.settlement();
            Set<String> banks = Set.copyOf(Registry.load(cfg.registryFile()).banks());
            this.settlement = new Settlement(st, cfg.zone(), cfg.cutover(), ledger, merchants,
                    new SettlementCalendar(Calendars.load(cfg.calendarDir()).get(st.calendar())), scheduler, clearingDir,
                    new SettlementBanks(banks, st.backoff(), st.seed()), new MerchantAccounts());
        }

        @Override
        public void close() {
            scheduler.close();
            ledger.close();
        }
    }

    /** CPU time of the whole process (every thread, H2's background writer included), nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void delete(Path dir) throws IOException {
        if (System.getenv("KEEP_DATA") != null) {
            System.out.println("  data kept in " + dir);
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
