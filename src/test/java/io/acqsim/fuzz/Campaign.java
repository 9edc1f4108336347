package io.acqsim.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.acqsim.load.Durations;

/**
 * Runs fuzz targets with Jazzer, each in a child JVM of its own (Jazzer's agent and sanitizer hooks stay
 * there), for a given time: libFuzzer mutates the target's committed seeds, keeps what reaches new
 * coverage in {@code OUT/<target>/corpus}, and writes each input that broke the contract (crash-*,
 * timeout-*, oom-*) with its Java reproducer and the run's log to {@code OUT/<target>/}. A finding is made a
 * regression test by copying its input to {@code src/test/resources/fuzz/<target>/regressions/}
 * ({@link FuzzCorpusTest} replays those on every test run).
 * <pre>
 *   Campaign [--target NAME]... [--duration 10m] [--out DIR] [--keep-going N]
 * </pre>
 * The duration is per target; without --target every target runs. Exit code 1 when anything was found.
 */
public final class Campaign {
    /** Seconds one input may take before libFuzzer calls it a timeout (an endless loop). */
    static final int INPUT_TIMEOUT_SECONDS = 10;
    private static final Pattern EXECS = Pattern.compile("stat::number_of_executed_units:\\s*(\\d+)");
    private static final Pattern COVERAGE = Pattern.compile("cov: (\\d+)");

    /** What one target's run left: how many inputs it ran, the coverage it reached, the findings' files. */
    public record Result(Target target, long executions, long coverage, List<Path> findings, Path log, int exitCode) {
        @Override
        public String toString() {
            return String.format("%-13s %,12d runs  cov %6d  %d finding(s)%s", target.id(), executions, coverage, findings.size(),
                    findings.isEmpty() ? "" : ": " + findings.stream().map(p -> p.getFileName().toString()).toList() + " (log " + log + ")");
        }
    }

    private Campaign() {
    }

    /** Fuzzes {@code target} for {@code duration} in a child JVM; {@code keepGoing} findings before it stops early. */
    public static Result run(Target target, Duration duration, Path out, int keepGoing) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(out.resolve(target.id()));
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Path log = dir.resolve("jazzer.log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+EnableDynamicAgentLoading", "-Dacqsim.home=" + io.acqsim.host.TestHost.HOME,
                "-cp", System.getProperty("java.class.path"),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.type().getName(),
                // coverage of our code and of jPOS's packagers, where a frame's bytes are read
                "--instrumentation_includes=io.acqsim.**:org.jpos.iso.**",
                "--reproducer_path=" + dir,
                "--keep_going=" + keepGoing,
                "-artifact_prefix=" + dir + "/",
                "-timeout=" + INPUT_TIMEOUT_SECONDS,
                "-rss_limit_mb=2560",
                "-max_len=16384",
                "-max_total_time=" + Math.max(1, duration.toSeconds()),
                "-print_final_stats=1",
                corpus.toString(), target.seeds().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // the time, Jazzer's start and the last input's timeout; then the child is ended
        if (!p.waitFor(duration.toSeconds() + 120 + INPUT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        return new Result(target, last(EXECS, text), last(COVERAGE, text), findings(dir), log, p.exitValue());
    }

    private static long last(Pattern p, String text) {
        long v = 0;
        for (Matcher m = p.matcher(text); m.find(); ) v = Long.parseLong(m.group(1));
        return v;
    }

    private static List<Path> findings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().matches("(crash|timeout|oom|leak)-.*")).sorted().toList();
        }
    }

    public static void main(String[] args) throws Exception {
        List<Target> targets = new ArrayList<>();
        Duration duration = Duration.ofMinutes(10);
        Path out = null;
        int keepGoing = 20;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && !a.equals("--help")) usage("option " + a + " needs a value");
            try {
                switch (a) {
                    case "--target" -> targets.add(Target.of(args[++i]));
                    case "--duration" -> duration = Durations.parse(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--keep-going" -> keepGoing = Integer.parseInt(args[++i]);
                    case "--help" -> usage(null);
                    default -> usage("unknown option " + a);
                }
            } catch (IllegalArgumentException e) {
                usage(a + ": " + e.getMessage());
            }
        }
        if (targets.isEmpty()) targets = List.of(Target.values());
        if (out == null) out = Files.createTempDirectory("acqsim-fuzz-");
        System.out.println("fuzzing " + targets.stream().map(Target::id).toList() + " for " + Durations.format(duration) + " each; findings in " + out);
        boolean found = false;
        for (Target t : targets) {
            Result r = run(t, duration, out, keepGoing);
            System.out.println(r);
            found |= !r.findings().isEmpty();
        }
        System.exit(found ? 1 : 0);
    }

    private static void usage(String problem) {
        if (problem != null) System.err.println(problem);
        System.err.println("usage: bench/fuzz [--target NAME]... [--duration 10m] [--out DIR] [--keep-going N]");
        System.err.println("targets: " + java.util.Arrays.stream(Target.values()).map(Target::id).toList());
        System.exit(problem == null ? 0 : 2);
    }
}
