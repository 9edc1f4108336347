package io.acqsim.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.acqsim.json.Json;
import io.acqsim.report.PayoutView;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clock.ClockMode;
import io.acqsim.fault.Fault;
import io.acqsim.app.AcqsimHost;
import io.acqsim.host.HostServices;
import io.acqsim.iso.Profile;
import io.acqsim.message.ResponseCode;
import io.acqsim.report.Band;
import io.acqsim.report.MerchantSummary;
import io.acqsim.report.PayoutReport;
import io.acqsim.report.ReasonSummary;
import io.acqsim.report.Timeline;
import io.acqsim.report.TimelineBands;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acqsim demo}, the main job: an embedded host on a manual clock and ten emulated terminals
 * (one per demo merchant, both profiles) selling through two simulated weeks around National Day 2026
 * under the scenario simulators/scenarios/demo-national-day.yml — a bank upgrade, a flaky bank link, a
 * frozen and a wrong account, a risk hold, and a terminal-link fault that makes terminals reverse.
 * It prints each day, then the payout-delay tables per merchant and per reason, writes the HTML
 * report, and prints a digest of every payout so two runs with one seed can be compared. Terminals
 * run concurrently; each draws its amounts from its own seeded random and the faults' probabilities
 * are drawn per terminal, so the payouts are the same for the same seed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Two simulated weeks around National Day with faults; prints the payout-delay tables and writes an HTML report.")
final class DemoCommand implements Callable<Integer> {
    private static final LocalDate FIRST = LocalDate.of(2026, 9, 28);
    private static final LocalDate LAST = LocalDate.of(2026, 10, 11);
    private static final LocalDate PAYOUTS_UNTIL = LocalDate.of(2026, 10, 16);
    private static final LocalDate ACCOUNT_CORRECTED = LocalDate.of(2026, 10, 14);
    private static final int TERMINALS = 10;
    /** Short, so the sales whose answer the link loses are reversed quickly. */
    private static final Duration TERMINAL_TIMEOUT = Duration.ofMillis(600);

    @Option(names = "--data", description = "Data directory. Default: a new temporary directory")
    Path data;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for amounts and for the faults' probabilities. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--html", description = "Where to write the HTML report. Default: DATA/report/payouts.html")
    Path html;

    @Option(names = "--verbose", description = "Print every terminal exchange")
    boolean verbose;

    private final Map<String, Integer> counts = new TreeMap<>();

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Files.createTempDirectory("acqsim-demo-");
        Home.logTo(dir);
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Path scenario = Home.dir().resolve("simulators/scenarios/demo-national-day.yml");
        AcqsimHost.Options o = AcqsimHost.Options.defaults(Home.dir(), dir)
                .withOverrides(Map.of("host.ports.cup", "0", "host.ports.iso87a", "0", "host.ports.admin", "0",
                        "settlement.seed", String.valueOf(seed)))
                .withIssuerOverrides(Map.of("timeout", "PT2S"))
                .withClock(ClockMode.MANUAL, FIRST.atTime(8, 0).atZone(zone).toInstant())
                .withScenario(scenario);
        List<PayoutView> payouts;
        OffsetDateTime end;
        List<Band> bands;
        try (AcqsimHost host = AcqsimHost.start(o)) {
            HostServices s = host.services();
            out.printf("acqsim demo, seed %d: ten terminals, %s to %s, payouts until %s; data in %s%n", seed, FIRST, LAST, PAYOUTS_UNTIL, dir);
            out.printf("scenario %s:%n", scenario.getFileName());
            for (Fault f : s.faults().list()) out.printf("  %-5s %-16s %s%n", f.id(), f.type(), describe(f));
            out.println();
            List<EmulatedTerminal> terminals = terminals(host);
            List<Random> rnd = new ArrayList<>();
            for (int n = 1; n <= TERMINALS; n++) rnd.add(new Random(seed * 1_000 + n));
            try {
                for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
                    Map<String, Integer> before = new TreeMap<>(counts);
                    for (int hour : new int[] {9, 14}) {
                        advance(s, day, hour, 0);
                        everyTerminal(n -> sell(terminals.get(n - 1), hour, rnd.get(n - 1), out));
                    }
                    advance(s, day, 22, 0);
                    everyTerminal(n -> record(terminals.get(n - 1).settle(), out));
                    out.println(dayLine(s.settlement().calendar(), day, before));
                }
                advance(s, ACCOUNT_CORRECTED, 9, 0);
                int resent = s.settlement().correctAccount("M00000000000004", "6217000000000000444").size();
                out.printf("%s 09:00  merchant M00000000000004 corrects its account: %d returned payouts sent again%n", ACCOUNT_CORRECTED, resent);
                advance(s, PAYOUTS_UNTIL, 12, 0);
            } finally {
                for (EmulatedTerminal t : terminals) t.close();
            }
            host.awaitIdle(Duration.ofSeconds(10));
            end = OffsetDateTime.ofInstant(s.clock().instant(), zone);
            payouts = s.settlement().payouts().list(PayoutQuery.ALL, s.clock().instant()).stream().map(p -> PayoutView.of(p, zone)).toList();
            Timeline.Span span = Timeline.Span.covering(payouts, end, zone);
            bands = TimelineBands.of(s.settlement().calendar(), s.faults().list(), span.from(), span.to(), zone);
            out.printf("%nledger: %s; reversals received %d%n", s.ledger().countByStatus(), s.ledger().reversalCount());
        }
        printTables(out, payouts, end);
        Path report = html != null ? html : dir.resolve("report/payouts.html");
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, new PayoutReport(payouts, end, zone, bands).render(PayoutReport.Format.HTML));
        out.printf("%nHTML report: %s%n", report.toAbsolutePath());
        out.printf("payout digest (same seed, same digest): %s%n", digest(payouts));
        out.printf("demo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static String describe(Fault f) {
        Map<String, Object> spec = new TreeMap<>(f.spec());
        spec.remove("type");
        return spec.toString();
    }

    private List<EmulatedTerminal> terminals(AcqsimHost host) throws Exception {
        List<EmulatedTerminal> out = new ArrayList<>();
        HostServices s = host.services();
        for (int n = 1; n <= TERMINALS; n++) {
            String tid = String.format("T%07d", n);
            Profile p = n % 2 == 1 ? Profile.ISO87A : Profile.CUP;
            RequestFactory rf = new RequestFactory(p, tid, s.registry().terminal(tid).merchantId(), s.clock(), s.config().zone());
            EmulatedTerminal t = new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, s.config().packagerDir(),
                    TERMINAL_TIMEOUT), rf, TerminalState.inMemory());
            record(List.of(t.signOn()), System.out);
            out.add(t);
        }
        return out;
    }

    private interface TerminalWork {
        void run(int n) throws Exception;
    }

    /** Runs {@code work} for terminals 1..10 at once and waits for all; the first failure is rethrown. */
    private static void everyTerminal(TerminalWork work) throws Exception {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 1; n <= TERMINALS; n++) {
                int number = n;
                done.add(pool.submit(() -> {
                    work.run(number);
                    return null;
                }));
            }
        }
        for (var f : done) f.get();
    }

    /** Three sales per terminal per session: card (chip or contactless), QR, and now and then a decline or a refund. */
    private void sell(EmulatedTerminal t, int hour, Random rnd, PrintStream out) throws Exception {
        List<EmulatedTerminal.Exchange> log = new ArrayList<>();
        log.add(t.cardPurchase(amount(rnd), "62220212345" + String.format("%08d", rnd.nextInt(100_000_000)), "2912", rnd.nextBoolean() ? "051" : "071"));
        log.add(t.qrPurchase(amount(rnd), "6225" + String.format("%015d", rnd.nextLong(1_000_000_000_000_000L))));
        if (rnd.nextInt(10) == 0) {
            log.add(t.cardPurchase((10 + rnd.nextInt(500)) * 100L + 51, "6222021234567890123", "2912", "051"));   // issuer: 51
        } else {
            log.add(t.cardPurchase(amount(rnd), "6222021234567890123", "2912", "071"));
        }
        EmulatedTerminal.Exchange last = log.get(0);
        if (hour == 14 && rnd.nextInt(6) == 0 && last.is(ResponseCode.APPROVED)) log.add(t.refund(1_000, last.rrn()));
        record(log, out);
    }

    /** 10.00 to 2,000.00, never ending in an issuer rule's digits (51, 05, 54, 61, 91, 68). */
    private static long amount(Random rnd) {
        return (10 + rnd.nextInt(1990)) * 100L + 10 + rnd.nextInt(40);
    }

    private synchronized void record(List<EmulatedTerminal.Exchange> exchanges, PrintStream out) {
        for (EmulatedTerminal.Exchange e : exchanges) {
            if (verbose) TerminalCommand.print(out, e);
            String code = e.responseCode() == null ? "no answer" : e.responseCode();
            counts.merge(e.action() + " " + code, 1, Integer::sum);
            if (e.reversal() != null) counts.merge("reversal", 1, Integer::sum);
        }
    }

    private synchronized String dayLine(SettlementCalendar cal, LocalDate day, Map<String, Integer> before) {
        int sales = delta(before, "purchase") + delta(before, "qr-purchase");
        int approved = delta(before, "purchase " + ResponseCode.APPROVED) + delta(before, "qr-purchase " + ResponseCode.APPROVED);
        int reversed = delta(before, "reversal");
        String kind = cal.blocked(day).map(b -> b.code() + " " + (b.detail() == null ? "" : b.detail())).orElse(
                cal.calendar().dayKind(day).name());
        return String.format("%s %s  %-28s sales %3d  approved %3d  reversed by terminals %2d",
                day, day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), kind.toLowerCase(Locale.ROOT), sales, approved, reversed);
    }

    private int delta(Map<String, Integer> before, String prefix) {
        int now = counts.entrySet().stream().filter(e -> e.getKey().equals(prefix) || e.getKey().startsWith(prefix + " ")).mapToInt(Map.Entry::getValue).sum();
        int then = before.entrySet().stream().filter(e -> e.getKey().equals(prefix) || e.getKey().startsWith(prefix + " ")).mapToInt(Map.Entry::getValue).sum();
        return now - then;
    }

    private static void advance(HostServices s, LocalDate day, int hour, int minute) {
        Instant to = day.atTime(hour, minute).atZone(s.config().zone()).toInstant();
        if (to.isAfter(s.clock().instant())) s.scheduler().advanceTo(to);
    }

    /** The summaries the HTML report shows too, computed by the same code (MerchantSummary, ReasonSummary). */
    private static void printTables(PrintStream out, List<PayoutView> payouts, OffsetDateTime now) {
        out.printf("%n== payouts per merchant ==%n%s", PayoutReport.merchantTable(MerchantSummary.of(payouts, now)));
        out.printf("%n== delays per reason ==%n%s", PayoutReport.reasonTable(ReasonSummary.byReason(payouts, now)));
        long paid = payouts.stream().filter(p -> p.status().equals("PAID")).count();
        out.printf("%n%d payouts, %d paid, %d delayed%n", payouts.size(), paid, payouts.stream().filter(p -> p.delayedAt(now)).count());
    }

    private static String digest(List<PayoutView> payouts) throws Exception {
        byte[] json = Json.mapper().writeValueAsBytes(payouts);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
    }
}
