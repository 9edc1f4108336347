package io.acqsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.acqsim.iso.Masking;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.replay.ClockFollower;
import io.acqsim.replay.CompareRules;
import io.acqsim.replay.DryRun;
import io.acqsim.replay.Pace;
import io.acqsim.replay.Pairing;
import io.acqsim.replay.ProfileRouting;
import io.acqsim.replay.ReplayReport;
import io.acqsim.replay.ReplayRun;
import io.acqsim.replay.ReplayStats;
import io.acqsim.replay.ReplaySummary;
import io.acqsim.replay.input.Inputs;
import io.acqsim.replay.input.MessageReader;
import io.acqsim.replay.input.Problems;
import io.acqsim.tls.Connector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code acqsim replay}: sends recorded traffic — jPOS XML logs, hex dumps, pcap/pcapng captures — at a
 * host and compares its answers with the recorded ones. Exit code: 0 every exchange matched, 1 any
 * mismatch (a missing or extra answer counts), 2 bad usage, a target or admin API that cannot be reached,
 * or input records that had to be skipped (the report still lists the mismatches).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay recorded ISO 8583 traffic (jPOS XML logs, hex dumps, pcap/pcapng) against a host;"
                + " with --compare, diff every answer against the recorded one field by field."})
final class ReplayCommand implements Callable<Integer> {
    private static final int PROBLEMS_PRINTED = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Inputs: jPOS XML message logs (also gzip'd, rotated), hex dumps, pcap or pcapng captures; several are merged by time.")
    List<Path> inputs;

    @Option(names = "--target", paramLabel = "[PROFILE=]HOST:PORT",
            description = {"The host to replay against (not needed with --dry-run). acqsim's own log holds both profiles:"
                    + " give one target per profile to replay both in one run (--target cup=H:8583 --target iso87a=H:8584)."})
    List<String> targets = new ArrayList<>();

    @Option(names = "--profile", converter = LoadCommand.ProfileConverter.class, paramLabel = "cup|iso87a",
            description = "Wire profile of an unqualified --target, of hex dumps and captures, and of log messages whose realm names none.")
    Profile profile;

    @Option(names = "--pace", defaultValue = "max", paramLabel = "original|max|xN",
            description = "max: each connection sends as soon as the last answer came; original: the recorded gaps; xN: the gaps divided by N. Default: ${DEFAULT-VALUE}")
    String pace;

    @Option(names = "--compare", description = "Compare each answer with the recorded one, field by field.")
    boolean compare;

    @Option(names = "--ignore", paramLabel = "F,F...", description = "More fields not to compare (e.g. 15,60); see the README for the defaults.")
    String ignore;

    @Option(names = "--rules", paramLabel = "FILE", description = "YAML map of field: equal|echo|present|absent|ignore.")
    Path rules;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report as JSON, or as HTML when FILE ends in .html.")
    Path report;

    @Option(names = "--dry-run", description = "Decode and pair everything, print a summary, send nothing.")
    boolean dryRun;

    @Option(names = "--verbatim", description = "Send the recorded messages unchanged: no test PANs for masked cards, no carried RRNs, auth codes or batch numbers.")
    boolean verbatim;

    @Option(names = "--follow-clock", paramLabel = "ADMIN_URL",
            description = "Move an acqsim host's simulated clock (manual mode) to each request's recorded time before sending it; one request at a time, in recorded order.")
    URI followClock;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "With --follow-clock: the host's data directory, for its admin.token (or set ACQSIM_ADMIN_TOKEN). Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--timeout", defaultValue = "60s", converter = LoadCommand.DurationConverter.class,
            description = "How long to wait for each answer. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Mixin
    TlsOptions tls;

    @Option(names = "--log-zone", paramLabel = "ZONE", description = "Time zone of jPOS logs whose times carry none (jPOS 3 writes local time). Default: this machine's zone")
    ZoneId logZone;

    @Option(names = "--keys", paramLabel = "FILE", description = "Terminal key file (TEST TMKs, MAC per range; the target's): terminals whose"
            + " range has MAC on sign on for working keys and their requests are re-MACed. Default: recorded MACs are sent as they are")
    Path keys;

    @Option(names = "--fail-fast", description = "Stop at the first input record that cannot be read, instead of skipping it.")
    boolean failFast;

    @Option(names = "--packagers", paramLabel = "DIR", hidden = true, description = "Packager directory. Default: ACQSIM_HOME/cfg/packagers")
    Path packagers;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        java.io.PrintWriter err = spec.commandLine().getErr();
        Pace p = Pace.of(pace);
        Map<Profile, InetSocketAddress> to = targets();
        if (!dryRun && to.isEmpty()) throw new IllegalArgumentException("--target HOST:PORT is needed (or --dry-run)");
        CompareRules compareRules = CompareRules.defaults(followClock != null).ignore(ignore);
        if (rules != null) compareRules.read(rules);
        Path packagerDir = packagers != null ? packagers : Home.dir().resolve("cfg/packagers");
        for (Path in : inputs) {
            if (Files.isDirectory(in)) throw new IllegalArgumentException(in + ": a directory, not a file");
            if (!Files.exists(in)) throw new IllegalArgumentException(in + ": no such file");
            if (!Files.isRegularFile(in)) throw new IllegalArgumentException(in + ": not a regular file (replay reads its start twice; save a pipe's output to a file)");
        }
        ReplayStats stats = new ReplayStats();
        AtomicLong skipped = new AtomicLong();
        Problems problems = problem -> {
            if (failFast) throw new Problems.InputFailure(problem);
            stats.inputProblem(problem);
            if (skipped.incrementAndGet() <= PROBLEMS_PRINTED) err.println("replay: skipped " + Masking.panLike(problem.toString()));
            else if (skipped.get() == PROBLEMS_PRINTED + 1) err.println("replay: more records skipped; all are counted in the report");
        };
        long started = System.nanoTime();
        Set<Profile> routed = dryRun && to.isEmpty() ? (profile == null ? EnumSet.allOf(Profile.class) : EnumSet.of(profile)) : to.keySet();
        try (MessageReader reader = Inputs.open(inputs, profile, packagerDir, logZone != null ? logZone : ZoneId.systemDefault(), problems)) {
            ProfileRouting ofProfile = new ProfileRouting(reader, profile, routed);
            Pairing pairing = new Pairing(ofProfile, ofProfile::profileOf);
            if (dryRun) {
                DryRun dry = new DryRun().read(pairing);
                dry.print(out, skipped.get(), Duration.ofNanos(System.nanoTime() - started));
                leftOut(out, ofProfile);
                return skipped.get() > 0 ? 2 : 0;
            }
            int exit = replay(pairing, to, p, compareRules, packagerDir, stats, skipped, started, out);
            leftOut(out, ofProfile);
            return exit;
        } catch (Problems.InputFailure f) {
            err.println("replay: " + Masking.panLike(f.problem().toString()) + (failFast ? " (--fail-fast)" : ""));
            return 2;
        }
    }

    private int replay(Pairing pairing, Map<Profile, InetSocketAddress> to, Pace p, CompareRules compareRules, Path packagerDir, ReplayStats stats,
                       AtomicLong skipped, long started, PrintStream out) throws IOException {
        Map<Profile, ReplayRun.Target> runTargets = new EnumMap<>(Profile.class);
        Connector connector = tls.connector();
        to.forEach((profileOf, address) -> {
            reachable(address, connector);
            runTargets.put(profileOf, new ReplayRun.Target(address.getHostString(), address.getPort(), Packagers.load(packagerDir, profileOf), connector));
        });
        ClockFollower clock = null;
        if (followClock != null) {
            AdminConnection admin = new AdminConnection();
            admin.admin = followClock;
            admin.data = data;
            clock = new ClockFollower(admin.client());
            out.println("replay: following the clock of " + followClock + ", now " + clock.start());
        }
        io.acqsim.keys.TerminalMasterKeys keyFile = null;
        if (keys != null) {
            if (!Files.isRegularFile(keys)) throw new IllegalArgumentException("--keys: key file '" + keys + "' not found");
            keyFile = io.acqsim.keys.TerminalMasterKeys.load(keys);
        }
        ReplayRun run = new ReplayRun(new ReplayRun.Options(runTargets, p, compare, compareRules, verbatim, timeout, clock, keyFile), stats);
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            run.stop();
            try {
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run.run(pairing, System.err);
            ReplaySummary summary = new ReplaySummary(inputs.stream().map(Path::toString).toList(), describe(runTargets), p.toString(), compare, verbatim, pairing.messagesRead(), pairing.orphanResponses(),
                    clock == null ? 0 : clock.moves(), clock == null ? 0 : clock.behind(), Duration.ofNanos(System.nanoTime() - started), interrupted.get());
            ReplayReport r = new ReplayReport(summary, stats);
            r.print(out);
            if (report != null) {
                r.write(report);
                out.println("report: " + report.toAbsolutePath());
            }
            out.flush();
            return skipped.get() > 0 || stats.unsendable() > 0 ? 2 : r.exitCode();
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    private static void leftOut(PrintStream out, ProfileRouting f) {
        f.leftOut().forEach((p, n) -> out.printf(Locale.ROOT, "  %,d messages of profile %s left out: no --target for it%s%n", n, p,
                p.equals("no profile") ? " (give --profile)" : " (add --target " + p + "=HOST:PORT)"));
    }

    private static String describe(Map<Profile, ReplayRun.Target> targets) {
        StringBuilder sb = new StringBuilder();
        targets.forEach((p, t) -> sb.append(sb.isEmpty() ? "" : ", ").append(t).append(" (").append(p.id()).append(')'));
        return sb.toString();
    }

    /** --target values: PROFILE=HOST:PORT, or HOST:PORT of --profile. */
    private Map<Profile, InetSocketAddress> targets() {
        Map<Profile, InetSocketAddress> out = new EnumMap<>(Profile.class);
        for (String t : targets) {
            int eq = t.indexOf('=');
            Profile p;
            if (eq >= 0) {
                try {
                    p = Profile.of(t.substring(0, eq));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--target " + t + ": " + e.getMessage());
                }
            } else if (profile != null) {
                p = profile;
            } else {
                throw new IllegalArgumentException("--target " + t + ": which profile? give --profile cup|iso87a, or write --target cup=" + t);
            }
            if (out.put(p, address(eq >= 0 ? t.substring(eq + 1) : t)) != null) {
                throw new IllegalArgumentException("--target: two targets for profile " + p);
            }
        }
        return out;
    }

    private static InetSocketAddress address(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) throw new IllegalArgumentException("--target: '" + s + "' is not HOST:PORT");
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException();
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            return InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target: '" + s.substring(colon + 1) + "' is not a port (1-65535)");
        }
    }

    /** Fails with a clear message (exit 2) when nothing listens at the target, or (--tls) its TLS handshake fails. */
    private void reachable(InetSocketAddress a, Connector connector) {
        try {
            connector.open(a.getHostString(), a.getPort(), Duration.ofMillis(Math.min(timeout.toMillis(), 10_000))).close();
        } catch (IOException e) {
            throw new IllegalStateException(String.format(Locale.ROOT, "cannot reach the target %s:%d (%s)", a.getHostString(), a.getPort(), e.getMessage()));
        }
    }
}
