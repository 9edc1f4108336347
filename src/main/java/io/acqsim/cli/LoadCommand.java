package io.acqsim.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.acqsim.iso.Profile;
import io.acqsim.load.Durations;
import io.acqsim.load.LoadReport;
import io.acqsim.load.LoadResult;
import io.acqsim.load.LoadRun;
import io.acqsim.load.Mix;
import io.acqsim.load.Rate;
import io.acqsim.load.SavedRun;
import io.acqsim.load.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code acqsim load}: N terminals of the demo registry, each on its own connection with its own TID and
 * STAN counter, send a mix of purchases, QR purchases, refunds and voids at a target rate (open loop,
 * latency from the intended send time) or as fast as answers come ({@code --tps max}, closed loop).
 * Works against any host that speaks the profile, or spreads its terminals over several ({@code --targets}).
 * With {@code --json} it also writes the run's latency histogram (HdrHistogram log) beside the JSON, so runs on
 * several machines can be merged exactly ({@code acqsim load merge}).
 * Exit code: 0 no errors and no timeouts, 1 some, 2 bad usage or the host could not be reached.
 */
@Command(name = "load", mixinStandardHelpOptions = true, subcommands = LoadMergeCommand.class,
        description = {"Load generator: N terminals, open loop at --tps R or closed loop with --tps max.",
                "Prints a progress line every second and a summary (throughput, latency percentiles, response codes).",
                "On several machines: give each its own --first-terminal range and a --json FILE, then 'acqsim load merge' their files."})
final class LoadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    TlsOptions tls;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host address. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", description = "Host port. Default: 8583 for cup, 8584 for iso87a")
    Integer port;

    @Option(names = "--targets", paramLabel = "H:P,H:P",
            description = "Spread the terminals over several hosts (nodes) round-robin by terminal: the i-th terminal sends to target"
                    + " i mod k. Instead of --host/--port.")
    String targets;

    @Option(names = "--profile", defaultValue = "iso87a", converter = ProfileConverter.class,
            description = "Wire profile: cup or iso87a. Default: ${DEFAULT-VALUE}")
    Profile profile;

    @Option(names = "--terminals", defaultValue = "10", description = "Number of terminals, one connection each. Default: ${DEFAULT-VALUE}")
    int terminals;

    @Option(names = "--first-terminal", defaultValue = "1",
            description = "Number of the first terminal: terminal n is TID T + 7 digits of n, merchant M + 14 digits of ((n-1) mod 10) + 1."
                    + " Default: ${DEFAULT-VALUE}")
    int firstTerminal;

    @Option(names = "--tps", defaultValue = "max", converter = RateConverter.class, paramLabel = "R|max",
            description = "Target requests per second over all terminals (open loop), or max (closed loop). Default: ${DEFAULT-VALUE}")
    Rate tps;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to send: 30s, 500ms, 2m, PT30S. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "Send this long first, at the same rate on the same connections, without measuring: the figures are"
                    + " the --duration after it, with this process and the host warm. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--mix", defaultValue = Mix.DEFAULT, converter = MixConverter.class,
            description = "Weights of purchase, qr, refund and void. Voids and refunds name the terminal's own approved purchases"
                    + " (a purchase goes instead while it has none). Default: ${DEFAULT-VALUE}")
    Mix mix;

    @Option(names = "--timeout", defaultValue = "PT5S", converter = DurationConverter.class,
            description = "How long a terminal waits for an answer before it reverses the request. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random kinds and amounts. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE, and its latency histogram"
            + " (HdrHistogram log, microseconds) beside it under the same base name with .hlog, for 'acqsim load merge'.")
    Path json;

    @Option(names = "--keys", paramLabel = "FILE", description = "Terminal key file (TEST TMKs, MAC per range; the host's): terminals whose"
            + " range has MAC on sign on for working keys and MAC their requests. Default: no MAC")
    Path keys;

    @Override
    public Integer call() throws InterruptedException {
        int hostPort = port != null ? port : profile == Profile.CUP ? 8583 : 8584;
        LoadRun.Options o;
        try {
            o = new LoadRun.Options(host, hostPort, profile, Home.dir().resolve("cfg/packagers"), terminals, firstTerminal, tps, warmup,
                    duration, timeout, mix, seed).withConnector(tls.connector());
            if (targets != null) {
                CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
                if (parsed.hasMatchedOption("--host") || parsed.hasMatchedOption("--port")) {
                    throw new IllegalArgumentException("give --targets or --host/--port, not both");
                }
                o = o.withTargets(Target.parseList(targets));
            }
            if (keys != null) {
                if (!Files.isRegularFile(keys)) throw new IllegalArgumentException("--keys: key file '" + keys + "' not found");
                o = o.withKeys(io.acqsim.keys.TerminalMasterKeys.load(keys));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (json != null && Files.isDirectory(json)) throw new CommandLine.ParameterException(spec.commandLine(), "--json " + json + " is a directory");
        if (json != null && SavedRun.histogramPath(json).equals(json)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json " + json + ": the histogram log goes to that name; name the JSON e.g. load.json");
        }
        PrintStream out = System.out;
        out.println(LoadReport.header(o));
        LoadResult r = LoadRun.run(o, new LoadRun.Progress() {
            @Override
            public void tick(double elapsedSeconds, double intervalSeconds, io.acqsim.load.LoadStats.Interval i) {
                out.println(LoadReport.progress(elapsedSeconds, intervalSeconds, i));
            }

            @Override
            public void warmUpTick(double elapsedSeconds, double intervalSeconds, io.acqsim.load.LoadStats.Interval i) {
                out.println(LoadReport.warmUpProgress(elapsedSeconds, intervalSeconds, i));
            }

            @Override
            public void measuring(Duration warmup, Duration duration) {
                out.println(LoadReport.measuring(warmup, duration));
            }

            @Override
            public void connected(int n, Duration connect, Duration signOn) {
                out.println(LoadReport.connected(n, connect, signOn));
            }
        });
        for (String w : r.warnings()) spec.commandLine().getErr().println("acqsim: warning: " + w);
        LoadReport.summary(out, r);
        if (json != null) {
            Path hlog = SavedRun.write(o, r, json);
            out.println("  json            " + json);
            out.println("  histogram       " + hlog + " (HdrHistogram log, microseconds, " + r.latencies().getNumberOfSignificantValueDigits()
                    + " significant digits)");
        }
        return r.errors() == 0 && r.timeouts() == 0 ? 0 : 1;
    }

    /** Turns a converter's IllegalArgumentException into picocli's "Invalid value for option '--x': why" (exit 2). */
    private static <T> T convertOrExplain(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static final class RateConverter implements CommandLine.ITypeConverter<Rate> {
        @Override
        public Rate convert(String value) {
            return convertOrExplain(() -> Rate.parse(value));
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return convertOrExplain(() -> Durations.parse(value));
        }
    }

    static final class MixConverter implements CommandLine.ITypeConverter<Mix> {
        @Override
        public Mix convert(String value) {
            return convertOrExplain(() -> Mix.parse(value));
        }
    }

    static final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            return convertOrExplain(() -> Profile.of(value));
        }
    }
}
