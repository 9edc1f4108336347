package io.acqsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.acqsim.host.AcqsimHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acqsim demo}: an embedded host and a short business day of emulated terminals on both
 * profiles — sign-on, card and QR purchases, issuer declines, a void, a refund, a reversal, a sale the
 * issuer approves only after the terminal gave up (so the terminal reverses it), and terminal batch
 * settlement, one of them unbalanced and settled by upload. Prints what happened and what the ledger
 * holds, then exits 0. The settlement issue extends it to payouts; the fault issue to the full story.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run a short self-contained demo and print what happened.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Data directory. Default: a new temporary directory")
    Path data;

    @Option(names = "--terminals", defaultValue = "6", description = "Emulated terminals (half cup, half iso87a). Default: ${DEFAULT-VALUE}")
    int terminals;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for amounts and card choices. Default: ${DEFAULT-VALUE}")
    long seed;

    private static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(1);

    @Override
    public Integer call() throws Exception {
        if (terminals < 2 || terminals > 100) throw new IllegalArgumentException("--terminals must be between 2 and 100");
        Path dir = data != null ? data : Files.createTempDirectory("acqsim-demo-");
        Home.logTo(dir);
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        // Fast issuer for the demo: it gives up after 2 s, and the "68" sale is approved after 1.5 s,
        // past the emulated terminals' 1 s timeout.
        AcqsimHost.Options o = AcqsimHost.Options.defaults(Home.dir(), dir)
                .withOverrides(Map.of("host.ports.cup", "0", "host.ports.iso87a", "0", "host.ports.admin", "0"))
                .withIssuerOverrides(Map.of("timeout", "PT2S", "rules(5).latency", "PT1.5S"));
        try (AcqsimHost host = AcqsimHost.start(o)) {
            out.printf("acqsim demo: host up (cup :%d, iso87a :%d), data in %s%n%n", host.port(Profile.CUP), host.port(Profile.ISO87A), dir);
            List<Future<List<EmulatedTerminal.Exchange>>> days = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n = 1; n <= terminals; n++) {
                    int number = n;
                    days.add(pool.submit(() -> merchantDay(host, number)));
                }
            }
            Map<String, Integer> codes = new TreeMap<>();
            for (int n = 1; n <= terminals; n++) {
                List<EmulatedTerminal.Exchange> day = days.get(n - 1).get();
                out.printf("-- terminal %s (%s) --%n", tid(n), profile(n));
                for (EmulatedTerminal.Exchange e : day) {
                    TerminalCommand.print(out, e);
                    codes.merge(e.action() + " " + e.responseCode(), 1, Integer::sum);
                    if (e.reversal() != null) codes.merge("reversal " + e.reversal().responseCode(), 1, Integer::sum);
                }
                out.println();
            }
            host.awaitIdle(Duration.ofSeconds(10));
            out.println("== answers by action and response code ==");
            codes.forEach((k, v) -> out.printf("  %-24s %4d%n", k, v));
            out.println("== ledger ==");
            host.services().ledger().countByStatus().forEach((k, v) -> out.printf("  %-24s %4d%n", k, v));
            out.printf("  %-24s %4d%n", "reversals received", host.services().ledger().reversalCount());
        }
        out.printf("%ndemo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static String tid(int n) {
        return String.format("T%07d", n);
    }

    private static Profile profile(int n) {
        return n % 2 == 1 ? Profile.CUP : Profile.ISO87A;
    }

    /** One terminal's day: the same story on every terminal, with terminal-specific twists. */
    private List<EmulatedTerminal.Exchange> merchantDay(AcqsimHost host, int n) throws Exception {
        Profile p = profile(n);
        String mid = host.services().registry().terminal(tid(n)).merchantId();
        Random rnd = new Random(seed * 1000 + n);
        RequestFactory requests = new RequestFactory(p, tid(n), mid, Clock.systemUTC(), host.services().config().zone());
        Path packagers = host.services().config().packagerDir();
        List<EmulatedTerminal.Exchange> log = new ArrayList<>();
        try (EmulatedTerminal t = new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, packagers, TERMINAL_TIMEOUT),
                requests, TerminalState.inMemory())) {
            log.add(t.signOn());
            String[] modes = {"021", "051", "071"};
            List<String> sales = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long amount = (10 + rnd.nextInt(990)) * 100L + 10 + rnd.nextInt(40);
                EmulatedTerminal.Exchange e = t.cardPurchase(amount, "62220212345" + String.format("%08d", rnd.nextInt(100_000_000)), "2912", modes[i % 3]);
                log.add(e);
                if ("00".equals(e.responseCode())) sales.add(e.rrn());
            }
            log.add(t.qrPurchase(2_880, "6225" + String.format("%015d", rnd.nextLong(1_000_000_000_000_000L))));
            log.add(t.cardPurchase(12_351, "6222021234567890123", "2912", "071"));   // issuer: 51 insufficient funds
            log.add(t.cardPurchase(8_805, "6222021234567890123", "2912", "051"));    // issuer: 05 do not honour
            log.add(t.voidSale(sales.get(0)));
            log.add(t.refund(1_000, sales.get(1)));
            EmulatedTerminal.Exchange toReverse = t.cardPurchase(4_200, "6222021234567890123", "2912", "071");
            log.add(toReverse);
            log.add(t.reverse(toReverse.request().getString(11)));
            if (n == 1) {
                log.add(t.cardPurchase(6_668, "6222021234567890123", "2912", "071"));  // issuer answers late: reversed
            }
            if (n == 2) {
                // The terminal lost the record of its last approved sale: its totals differ, the host
                // answers 95, and the terminal uploads its batch and closes it.
                var last = t.state().byRrn(sales.get(sales.size() - 1));
                t.state().mark(last, "LOST");
            }
            log.addAll(t.settle());
            log.add(t.signOff());
        }
        return log;
    }
}
