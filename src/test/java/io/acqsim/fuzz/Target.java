package io.acqsim.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.acqsim.api.AdminBodies;
import io.acqsim.host.TestHost;

/**
 * The fuzz targets, by the name {@code bench/fuzz --target} takes. Each names a class with Jazzer's
 * {@code public static void fuzzerTestOneInput(byte[])} (and a {@code fuzzerInitialize} that calls
 * {@link #warmUp()}); its committed seeds are in
 * {@code src/test/resources/fuzz/<name>/}, and the inputs that once broke it in {@code regressions/} there.
 */
public enum Target {
    FRAME_CUP("frame-cup", CupFrames.class),
    FRAME_ISO87A("frame-iso87a", Iso87aFrames.class),
    SCENARIO("scenario", ScenarioFiles.class),
    SCRIPT("script", ScriptFiles.class),
    ADMIN_BODY("admin-body", AdminBodies.class),
    REPLAY_XML("replay-xml", JposLogs.class),
    REPLAY_HEX("replay-hex", HexDumps.class),
    REPLAY_PCAP("replay-pcap", Captures.class);

    /** Where every target's committed seeds and regressions are. */
    public static final Path CORPORA = TestHost.HOME.resolve("src/test/resources/fuzz");

    private final String id;
    private final Class<?> type;

    Target(String id, Class<?> type) {
        this.id = id;
        this.type = type;
    }

    public String id() { return id; }

    public Class<?> type() { return type; }

    /** The committed seed corpus (its regressions/ folder included: libFuzzer reads corpus folders recursively). */
    public Path seeds() { return CORPORA.resolve(id); }

    public Path regressions() { return seeds().resolve("regressions"); }

    /** Runs the target on one input, in this JVM, as Jazzer would. */
    public void run(byte[] input) throws Throwable {
        MethodHandle h = MethodHandles.publicLookup().findStatic(type, "fuzzerTestOneInput", MethodType.methodType(void.class, byte[].class));
        h.invokeExact(input);
    }

    /**
     * Runs the target once on each committed input, before fuzzing starts (Jazzer's {@code fuzzerInitialize}):
     * the one-time work — class loading and instrumentation, reading the packagers, YAML and JSON set-up —
     * is then not charged to the first fuzzed input's timeout.
     */
    public void warmUp() throws Throwable {
        if (!Files.isDirectory(seeds())) return;
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(seeds())) {
            inputs = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : inputs) run(Files.readAllBytes(f));
    }

    public static Target of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no fuzz target '" + id + "'; the targets are " + Arrays.stream(values()).map(Target::id).toList()));
    }
}
