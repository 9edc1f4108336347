package io.acqsim.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.ThreadMXBean;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.LedgerSettings;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * The ledger's write path alone, without sockets or the TransactionManager: N terminals (virtual threads)
 * each record one approved purchase after another through {@link Ledger#record}, so the group-commit
 * journal sees what it sees under the host's closed-loop benchmark ({@code --sync}: with {@code ledger.sync}). Optionally each purchase is preceded
 * by the duplicate lookup the host makes ({@code --lookup}: the ledger's request filter, then a read only on
 * "maybe"; {@code --lookup-sql}: a ledger read every time, as before the filter). Prints one {@code RESULT} line: writes per
 * second, the journal thread's and the whole process's CPU per write, bytes written to disk per write, writes per journal
 * append, journal bytes per write; then, once the tables have caught up (they apply beside the writes, at a lower OS
 * priority), the applier thread's CPU per write over the whole run and how long the catching up took.
 * Used to screen schema and H2 settings before measuring the whole host (docs/BENCHMARKS.md).
 *
 * <pre>java -cp ... io.acqsim.bench.LedgerWriteBench [--terminals 100] [--warmup 10] [--duration 20]
 *      [--url-options ";PAGE_SIZE=1024"] [--sql "DROP INDEX ix_transactions_clearing"]... [--lookup | --lookup-sql] [--sync] [--label NAME]</pre>
 */
public final class LedgerWriteBench {
    private LedgerWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        int terminals = 100;
        double warmupS = 10, durationS = 20;
        String urlOptions = "";
        String label = "ledger";
        boolean lookup = false, lookupSql = false, sync = false;
        int probe = 0;
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--terminals" -> terminals = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupS = Double.parseDouble(args[++i]);
                case "--duration" -> durationS = Double.parseDouble(args[++i]);
                case "--url-options" -> urlOptions = args[++i];
                case "--sql" -> sql.add(args[++i]);
                case "--lookup" -> lookup = true;
                case "--sync" -> sync = true;
                case "--lookup-sql" -> lookupSql = true;
                case "--probe" -> probe = Integer.parseInt(args[++i]);
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("acqsim-ledger-bench");
        String url = "jdbc:h2:file:" + dir.resolve("acqsim") + urlOptions;
        LedgerSettings settings = new LedgerSettings(url, "sa", "", 256, dir.resolve("journal"), sync);
        if (!sql.isEmpty()) {
            // schema first (Flyway), then the variant's statements, then the benchmark on the same file
            Ledger.open(settings).close();
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                for (String q : sql) s.execute(q);
            }
        }
        AtomicLong written = new AtomicLong();
        AtomicLong rrn = new AtomicLong();
        boolean doLookup = lookup, doLookupSql = lookupSql;
        try (Ledger ledger = Ledger.open(settings)) {
            long start = System.nanoTime();
            long measureStart = start + (long) (warmupS * 1e9);
            long end = measureStart + (long) (durationS * 1e9);
            List<Thread> threads = new ArrayList<>();
            for (int n = 1; n <= terminals; n++) {
                String tid = String.format("T%07d", n);
                String mid = String.format("M%014d", (n - 1) % 10 + 1);
                ledger.ensureTerminal(tid, mid, Instant.now());
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int stan = 1; System.nanoTime() < end; stan++) {
                        String s = String.format("%06d", stan % 1_000_000);
                        String key = String.format("%010d", stan / 1_000_000 + 1_122_000_000);
                        boolean stored = doLookupSql ? ledger.byRequest(tid, s, key).isPresent()
                                : doLookup && ledger.mayHoldRequest(tid, s, key) && ledger.byRequest(tid, s, key).isPresent();
                        if (stored) throw new IllegalStateException("duplicate " + tid + " " + s);
                        Instant now = Instant.now();
                        ledger.record(new TransactionRecord(String.format("%012d", rrn.incrementAndGet()), MessageKind.PURCHASE, Channel.CARD,
                                "iso87a", "0200", "000000", tid, mid, s, key, 1, 1_000, "156", "071", "622202******0123",
                                ResponseCode.APPROVED, "123456", TransactionStatus.APPROVED, null, 0, LocalDate.of(2026, 11, 22), now));
                        if (System.nanoTime() >= measureStart) written.incrementAndGet();
                    }
                }));
            }
            sleepUntil(measureStart);
            long w0 = written.get(), cpu0 = threadCpu("ledger-journal"), io0 = writeBytes(), all0 = processCpu();
            long ap0 = threadCpu("ledger-applier");
            sleepUntil(end);
            long w1 = written.get(), cpu1 = threadCpu("ledger-journal"), io1 = writeBytes(), all1 = processCpu();
            for (Thread t : threads) t.join();
            long caughtUp0 = System.nanoTime();
            ledger.awaitApplied();                                   // the tables catch up with what was written
            double catchUp = (System.nanoTime() - caughtUp0) / 1e9;
            long ap1 = threadCpu("ledger-applier");
            double n = Math.max(1, w1 - w0);
            var f = ledger.figures();
            long rows = written.get() + terminals;
            System.out.printf("RESULT label=%s writes_per_s=%.0f journal_thread_ms_per_write=%.4f process_ms_per_write=%.4f "
                            + "kb_written_per_write=%.2f writes_per_append=%.1f journal_bytes_per_write=%.0f applier_ms_per_write=%.4f "
                            + "changes_per_apply=%.0f catch_up_s=%.2f%n", label, n / durationS, (cpu1 - cpu0) / 1e6 / n, (all1 - all0) / 1e6 / n,
                    (io1 - io0) / 1024.0 / n, f.writesPerGroup(), f.bytesPerWrite(), (ap1 - ap0) / 1e6 / rows, f.changesPerCommit(), catchUp);
        }
        if (probe > 0) {
            try (Ledger ledger = Ledger.open(settings)) {
                probe(ledger, probe, terminals);
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One thread's CPU per duplicate lookup of a new request: a ledger read against the request filter. */
    private static void probe(Ledger ledger, int n, int terminals) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        ledger.mayHoldRequest("T0000001", "000001", "0000000000");   // loads the filter from the table
        for (int round = 0; round < 3; round++) {                      // the first rounds warm the JIT up
            long t0 = mx.getCurrentThreadCpuTime();
            int found = 0;
            for (int i = 0; i < n; i++) {
                if (ledger.byRequest(String.format("T%07d", i % terminals + 1), String.format("%06d", i % 999_999 + 1), "9999999999").isPresent()) found++;
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                if (ledger.mayHoldRequest(String.format("T%07d", i % terminals + 1), String.format("%06d", i % 999_999 + 1), "9999999999")) found++;
            }
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("PROBE round=%d sql_ms_per_lookup=%.4f filter_ms_per_lookup=%.5f maybe=%d of %d%n",
                    round, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, found, n);
        }
    }

    private static long threadCpu(String name) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) return mx.getThreadCpuTime(t.threadId());
        }
        return 0;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long writeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) return Long.parseLong(line.substring(12).strip());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no byte count
        }
        return 0;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) Thread.sleep(Math.max(1, left / 1_000_000));
    }
}
