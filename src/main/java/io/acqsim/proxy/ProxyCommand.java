package io.acqsim.proxy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.acqsim.capture.TcpCaptureWriter;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.NetworkRule;
import io.acqsim.iso.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acqsim proxy}: the standalone TCP fault proxy in front of acqsim or any other host. Prints
 * where it listens and the active faults, then one line per fault activation; Ctrl-C closes both
 * sides of every connection and exits 0. A bad option or {@code --fault} is an
 * IllegalArgumentException naming it (exit 2).
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"TCP fault proxy: every client connection gets its own connection to --target; the faults act on what passes.",
                "Byte mode without --profile (faults act on chunks); message-aware with --profile (faults act on whole ISO 8583 messages",
                "and can select by MTI, processing code, TID, MID and amount; a response is also selected by its request's conditions)."},
        footer = {"", "--fault ACTION[,KEY=VALUE]...  actions: latency (latency=PT2S, jitter=PT100MS), drop-request, drop-response, reset,",
                "  close-after-bytes (bytes=N), corrupt (target=bitmap|mti), duplicate, blackhole, bandwidth (bytes-per-second=N);",
                "  keys: direction=request|response, mti=0200|0400, processing-code, tid, mid, min-amount, max-amount (minor units),",
                "  probability=0.1, first=N, from/to=2026-10-09T10:00+08:00. Examples:",
                "  --fault drop-response,mti=0200,probability=0.1",
                "  --fault latency,latency=PT2S,jitter=PT100MS,direction=response,tid=T0000001,first=3",
                "  --fault bandwidth,bytes-per-second=1000"})
public final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--listen", required = true, paramLabel = "[HOST:]PORT",
            description = "Where terminals connect; HOST defaults to 127.0.0.1; port 0 picks a free port.")
    String listen;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The host behind the proxy.")
    String target;

    @Option(names = "--profile", paramLabel = "cup|iso87a", description = "Frame and read messages of this profile (message-aware mode).")
    String profile;

    @Option(names = "--fault", paramLabel = "SPEC", description = "A fault, repeatable; the first that triggers acts on a chunk or message.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A scenario file: its terminal-link network faults act here (others belong to a host and are listed as ignored).")
    Path scenario;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of probabilities, jitter and corruption. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Event-loop threads; one carries thousands of messages a second. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--capture", paramLabel = "FILE.pcapng",
            description = {"Record the client side as a pcapng capture (replaced if it exists) that Wireshark and `acqsim replay` read:",
                    "requests as the clients sent them, responses as the clients got them (after the faults), real addresses,",
                    "wall-clock times. Closed when the proxy stops (Ctrl-C too)."})
    Path capture;

    @Option(names = "--packagers", paramLabel = "DIR", hidden = true, description = "Packager directory. Default: ACQSIM_HOME/cfg/packagers")
    Path packagers;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress at = Endpoints.listen(listen);
        InetSocketAddress to = Endpoints.target(target);
        Profile p = profile == null ? null : Profile.of(profile);
        FaultRegistry registry = new FaultRegistry(seed);
        for (String spec : faults) InlineFault.add(registry, spec, p != null);
        PrintStream out = System.out;
        if (scenario != null) {
            for (String line : ScenarioRules.load(registry, scenario, java.time.ZoneId.of("Asia/Shanghai"), p != null)) out.println("ignored " + line);
        }

        FaultProxy.Config config = FaultProxy.Config.of(at, to, p, registry).withClock(Clock.systemUTC()).withMonitor(line -> out.println("fault " + line))
                .withThreads(threads);
        if (packagers != null) config = config.withPackagers(packagers);
        if (capture != null) config = config.withCapture(openCapture(capture));
        FaultProxy proxy = FaultProxy.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("acqsim proxy: shutting down");
            proxy.close();
            out.println("acqsim proxy: stopped");
            stopped.countDown();
        }, "acqsim-proxy-shutdown"));
        if (capture != null) out.println("capturing the client side to " + capture);
        out.println(banner(proxy));
        out.flush();
        stopped.await();
        return 0;
    }

    private static TcpCaptureWriter openCapture(Path file) {
        try {
            return TcpCaptureWriter.pcapng(file);
        } catch (IOException e) {
            throw new UncheckedIOException("--capture " + file + ": cannot be written: " + e.getMessage(), e);
        }
    }

    static String banner(FaultProxy proxy) {
        InetSocketAddress a = proxy.address();
        StringBuilder b = new StringBuilder();
        b.append("acqsim proxy listening on ").append(a.getAddress().getHostAddress()).append(':').append(a.getPort())
                .append(" -> ").append(proxy.target().getHostString()).append(':').append(proxy.target().getPort())
                .append(" (").append(proxy.mode()).append("; ").append(proxy.transport()).append(")\n");
        List<NetworkRule> rules = proxy.registry().rules();
        if (rules.isEmpty()) b.append("  no faults: everything passes\n");
        for (NetworkRule r : rules) b.append("  fault ").append(InlineFault.describe(r)).append('\n');
        b.append("Ctrl-C to stop.");
        return b.toString();
    }

    /** Runs the command on its own (benchmarks, before it is registered in {@code bin/acqsim}). */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new ProxyCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
                line.getErr().println("acqsim: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cl.execute(args));
    }
}
