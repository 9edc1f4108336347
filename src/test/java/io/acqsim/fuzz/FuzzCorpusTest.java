package io.acqsim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.iso.Profile;

/**
 * Every committed fuzz input — each target's seeds and the regressions/ of inputs a campaign once found
 * breaking the contract — run through its target in this JVM, without Jazzer: it must end within the
 * per-input timeout, in a result or a documented refusal ({@link Contract}).
 */
class FuzzCorpusTest {

    static Stream<Object[]> inputs() throws IOException {
        return Stream.of(Target.values()).flatMap(t -> files(t.seeds()).stream().map(f -> new Object[] {t.id(), Target.CORPORA.relativize(f)}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("inputs")
    void keepsTheContract(String target, Path input) throws IOException {
        byte[] bytes = Files.readAllBytes(Target.CORPORA.resolve(input));
        assertTimeoutPreemptively(Duration.ofSeconds(Campaign.INPUT_TIMEOUT_SECONDS), () -> {
            try {
                Target.of(target).run(bytes);
            } catch (Throwable t) {
                fail(target + " broke its contract on " + input + ": " + t, t);
            }
        });
    }

    /** The frame seeds are real requests: the feed must get through to the dialect, not stop at the channel. */
    @Test
    void frameSeedsDecode() throws Exception {
        for (Target t : List.of(Target.FRAME_CUP, Target.FRAME_ISO87A)) {
            Profile p = t == Target.FRAME_CUP ? Profile.CUP : Profile.ISO87A;
            assertEquals(1, FrameFeed.feed(p, Files.readAllBytes(t.seeds().resolve("purchase-card"))), t.id());
            assertEquals(2, FrameFeed.feed(p, Files.readAllBytes(t.seeds().resolve("sign-on-then-purchase"))), t.id());
            assertEquals(1, FrameFeed.feed(p, Files.readAllBytes(t.seeds().resolve("settle"))), t.id());
        }
    }

    @Test
    void everyTargetHasSeeds() {
        for (Target t : Target.values()) {
            List<Path> seeds = files(t.seeds()).stream().filter(f -> !f.startsWith(t.regressions())).toList();
            assertFalse(seeds.isEmpty(), "no seeds for " + t.id() + " in " + t.seeds());
            assertTrue(seeds.stream().allMatch(f -> size(f) <= 16384), t.id() + ": a seed is larger than the campaign's -max_len");
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
