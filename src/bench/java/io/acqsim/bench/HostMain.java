package io.acqsim.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one acqsim host for the benchmark: the shipped deploy/ and cfg/ of {@code --home}, a data
 * directory of its own, iso87a on {@code --port} (cup on any free port). Prints {@code cup PORT},
 * {@code admin PORT} (the admin HTTP API), then {@code ready PORT} (iso87a);
 * on SIGTERM prints the ledger's transactions per status and the group-commit writes per commit, then
 * stops the host (listeners, TransactionManager, ledger) and exits.
 *
 * With {@code --clock-start} (an ISO offset date-time) the host runs on a manual simulated clock starting there.
 *
 * <pre>java -cp ... io.acqsim.bench.HostMain --home DIR --data DIR [--port N] [--clock-start 2026-11-16T09:00:00+08:00] [--set key=value ...]</pre>
 */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".");
        Path data = null;
        int port = 0;
        java.time.Instant clockStart = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--clock-start" -> clockStart = java.time.OffsetDateTime.parse(args[++i]).toInstant();
                case "--set" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null) throw new IllegalArgumentException("--data DIR is required");
        home = home.toAbsolutePath().normalize();
        data = data.toAbsolutePath().normalize();
        // the application log goes to DATA/log; must be set before Log4j starts
        if (System.getProperty("acqsim.log.dir") == null) System.setProperty("acqsim.log.dir", data.resolve("log").toString());
        overrides.putIfAbsent("host.ports.iso87a", String.valueOf(port));
        overrides.putIfAbsent("host.ports.cup", "0");
        overrides.putIfAbsent("host.ports.admin", "0");
        // H2 would close the database in its own shutdown hook, racing ours; ours closes the ledger
        overrides.putIfAbsent("ledger.url", "jdbc:h2:file:{data}/ledger/acqsim;DB_CLOSE_ON_EXIT=FALSE");

        var options = io.acqsim.app.AcqsimHost.Options.defaults(home, data).withOverrides(overrides);
        if (clockStart != null) options = options.withClock(io.acqsim.clock.ClockMode.MANUAL, clockStart);
        var host = io.acqsim.app.AcqsimHost.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                var ledger = host.services().ledger();
                String counts = ledger.countByStatus().toString();
                var figures = ledger.figures();
                host.close();
                System.out.println("ledger " + counts + String.format(" writes-per-commit=%.2f changes-per-apply=%.1f journal-bytes-per-write=%.0f",
                        figures.writesPerGroup(), figures.changesPerCommit(), figures.bytesPerWrite()));
                System.out.println("stopped");
                System.out.flush();
            } finally {
                stopped.countDown();
            }
        }, "host-main-stop"));
        System.out.println("cup " + host.port(io.acqsim.iso.Profile.CUP));
        System.out.println("admin " + host.adminPort());
        System.out.println("ready " + host.port(io.acqsim.iso.Profile.ISO87A));
        System.out.flush();
        stopped.await();
    }
}
