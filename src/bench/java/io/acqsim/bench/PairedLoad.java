package io.acqsim.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.acqsim.iso.Profile;
import io.acqsim.load.LoadReport;
import io.acqsim.load.LoadResult;
import io.acqsim.load.LoadRun;
import io.acqsim.load.Mix;
import io.acqsim.load.Rate;

/**
 * The proxy benchmark's client (bench/proxy-latency): open-loop iso87a purchase loads at the same rate,
 * in one JVM and in the same seconds — the first straight to the responder, the others through
 * proxies — so what stalls the client (its GC, its safepoints) and what stalls the responder stalls
 * every path alike, and the difference between them is the proxy's. Load i uses terminals from
 * T(1 + 1000 i). Writes each summary as {@code acqsim load --json} does.
 *
 * <pre>java -cp acqsim.jar io.acqsim.bench.PairedLoad TERMINALS TPS SECONDS PORT=JSON PORT=JSON...</pre>
 * Exits 1 when any load had errors or timeouts.
 */
public final class PairedLoad {
    private PairedLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: PairedLoad TERMINALS TPS SECONDS PORT=JSON PORT=JSON...");
            System.exit(2);
        }
        int terminals = Integer.parseInt(args[0]);
        Rate rate = Rate.parse(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        Path packagers = Path.of(System.getProperty("acqsim.home", ".")).resolve("cfg/packagers");
        int n = args.length - 3;
        List<LoadRun.Options> loads = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] portJson = args[3 + i].split("=", 2);
            if (portJson.length != 2) throw new IllegalArgumentException("expected PORT=JSON, not " + args[3 + i]);
            loads.add(options(Integer.parseInt(portJson[0]), 1 + 1000 * i, terminals, rate, duration, packagers));
            outputs.add(Path.of(portJson[1]));
        }
        LoadResult[] results = new LoadResult[n];
        AtomicReference<Exception> failed = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            threads.add(Thread.ofPlatform().name("paired-" + k).start(() -> {
                try {
                    results[k] = LoadRun.run(loads.get(k), null);
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failed.get() != null) throw failed.get();
        boolean clean = true;
        for (int i = 0; i < n; i++) {
            LoadReport.writeJson(results[i], outputs.get(i));
            clean &= results[i].errors() == 0 && results[i].timeouts() == 0;
        }
        System.exit(clean ? 0 : 1);
    }

    private static LoadRun.Options options(int port, int first, int terminals, Rate rate, Duration duration, Path packagers) {
        return new LoadRun.Options("127.0.0.1", port, Profile.ISO87A, packagers, terminals, first, rate, duration, Duration.ofSeconds(5),
                Mix.parse("purchase=100"), 1);
    }
}
