package io.acqsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The options the benchmarks on a {@link SeededPayouts} ledger share ({@link ReportTimelineBench},
 * {@link DashboardPaintBench}): {@code --home DIR --rounds N --merchants N --days N --transactions N
 * --seed S} and, where {@code out} is allowed, {@code --out DIR}; and their small helpers.
 *
 * @param transactions 0 in the arguments: six per merchant and day
 */
record PayoutBenchArgs(Path home, int rounds, int merchants, int days, int transactions, long seed, Path out) {

    static PayoutBenchArgs parse(String[] args, int rounds, boolean outAllowed) {
        Path home = Path.of(".");
        int merchants = 100;
        int days = 100;
        int transactions = 0;
        long seed = 42;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
            String v = args[i + 1];
            switch (args[i]) {
                case "--home" -> home = Path.of(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--merchants" -> merchants = Integer.parseInt(v);
                case "--days" -> days = Integer.parseInt(v);
                case "--transactions" -> transactions = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--out" -> {
                    if (!outAllowed) throw new IllegalArgumentException("unknown option --out");
                    out = Path.of(v);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new PayoutBenchArgs(home.toAbsolutePath().normalize(), rounds, merchants, days,
                transactions == 0 ? merchants * days * 6 : transactions, seed, out);
    }

    /** Sends the application log to a new temporary directory unless {@code acqsim.log.dir} names one; before Log4j starts. */
    static void logsToTemp(String prefix) throws IOException {
        if (System.getProperty("acqsim.log.dir") == null) System.setProperty("acqsim.log.dir", Files.createTempDirectory(prefix).toString());
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
