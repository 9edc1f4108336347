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
 * With {@code --pg-schema NAME} and a PostgreSQL {@code ledger.url} (set with {@code --set}), the ledger goes into
 * schema NAME of that database, dropped and created anew first, so each run starts from an empty ledger.
 *
 * <pre>java -cp ... io.acqsim.bench.HostMain --home DIR --data DIR [--port N] [--clock-start 2026-11-16T09:00:00+08:00] [--set key=value ...]
 *     [--pg-schema NAME]</pre>
 */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".");
        Path data = null;
        int port = 0;
        java.time.Instant clockStart = null;
        String pgSchema = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--clock-start" -> clockStart = java.time.OffsetDateTime.parse(args[++i]).toInstant();
                case "--pg-schema" -> pgSchema = args[++i];
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
        if (pgSchema != null) overrides.put("ledger.url", freshSchema(overrides.get("ledger.url"), pgSchema));

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

    /** Drops and creates {@code schema} on the PostgreSQL database of {@code url}; returns a URL whose connections use it. */
    private static String freshSchema(String url, String schema) throws java.sql.SQLException {
        if (!url.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("--pg-schema needs a PostgreSQL ledger.url (--set ledger.url=...)");
        if (!schema.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("--pg-schema: '" + schema + "' is not a plain lower-case name");
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
