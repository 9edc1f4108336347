package io.acqsim.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A short coverage-guided run of every fuzz target (the slow set, so .ci/run runs it): Jazzer in a child
 * JVM mutates the committed seeds for six seconds per target and must find nothing. The long campaign
 * is bench/fuzz.
 */
@Tag("slow")
class FuzzShortRunTest {
    /**
     * Per target, after Jazzer's start (JVM, agent, instrumentation, the seeds run once): eight targets take
     * about 1.5 minutes on 2 idle cores, 3 under a load average of 10 (docs/notes/fuzz.md).
     */
    private static final Duration PER_TARGET = Duration.ofSeconds(6);

    @ParameterizedTest
    @EnumSource(Target.class)
    void findsNothing(Target target) throws Exception {
        Path out = Files.createTempDirectory("acqsim-fuzz-" + target.id() + "-");
        Campaign.Result r = Campaign.run(target, PER_TARGET, out, 1);
        assertTrue(r.findings().isEmpty(), () -> r + "\n" + tail(r.log()));
        assertTrue(r.executions() > 0, () -> "Jazzer ran no input: " + r + "\n" + tail(r.log()));
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
