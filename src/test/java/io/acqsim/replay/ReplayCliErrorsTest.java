package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.pack;
import static io.acqsim.replay.ReplayTesting.replay;
import static io.acqsim.replay.ReplayTesting.stan;
import static io.acqsim.replay.ReplayTesting.terminal;
import static io.acqsim.replay.ReplayTesting.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.cli.CliHarness;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;

/**
 * What a user gets wrong, told in one line with exit code 2 and no stack trace: a missing, empty or
 * directory input, a target nothing listens on, a target whose profile is not said, a bad pace, a bad
 * rules file, a hex dump without --profile. And --dry-run, which needs no target, summarises the input.
 */
class ReplayCliErrorsTest {
    @TempDir
    Path dir;
    Path hex;

    /** Three requests of two demo terminals, as a plain hex dump (one with its length prefix). */
    @BeforeEach
    void input() throws Exception {
        RequestFactory t1 = terminal(Profile.ISO87A, 1);
        RequestFactory t2 = terminal(Profile.ISO87A, 2);
        hex = Files.writeString(dir.resolve("requests.hex"), "# three requests\n"
                + ReplayTesting.HEX.formatHex(pack(t1.signOn(stan(1), 1))) + "\n"
                + ReplayTesting.HEX.formatHex(pack(t1.cardPurchase(stan(2), 1, 1234, "6222021234567890123", "2912", "051"))) + "\n"
                + ReplayTesting.HEX.formatHex(withLength(pack(t2.cardPurchase(stan(3), 1, 500, "6222021234567890123", "2912", "071")))) + "\n");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertUsageError(CliHarness.Run r, String... said) {
        assertEquals(2, r.exit(), r.out() + r.err());
        for (String s : said) assertTrue(r.err().contains(s), "stderr names '" + s + "':\n" + r.err());
        assertNoStackTrace(r);
        assertFalse(r.out().contains("requests sent"), "no report for a replay that never started: " + r.out());
    }

    @Test
    void missingInputFile() throws IOException {
        Path missing = dir.resolve("no-such.log");
        assertUsageError(replay("--input", missing.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + closedPort()),
                missing.toString(), "no such file");
    }

    @Test
    void aDirectoryAsInput() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("logs"));
        CliHarness.Run r = replay("--input", sub.toString(), "--dry-run", "--profile", "iso87a");
        assertUsageError(r, sub.toString(), "directory");
        assertFalse(r.err().contains("no such file"), "it exists, it is a directory: " + r.err());
    }

    @Test
    void anEmptyInputFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.log"), "");
        assertUsageError(replay("--input", empty.toString(), "--dry-run", "--profile", "iso87a"), "empty.log", "empty");
        Path blank = Files.writeString(dir.resolve("blank.log"), "  \n\n\t\n");
        assertUsageError(replay("--input", blank.toString(), "--dry-run", "--profile", "iso87a"), "blank.log", "empty");
    }

    @Test
    void aTargetNothingListensOn() throws IOException {
        int port = closedPort();
        assertUsageError(replay("--input", hex.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + port, "--timeout", "5s"),
                "cannot reach the target 127.0.0.1:" + port);
    }

    @Test
    void aTargetWithoutProfile() {
        assertUsageError(replay("--input", hex.toString(), "--target", "127.0.0.1:8584"), "--target 127.0.0.1:8584: which profile?",
                "--profile cup|iso87a", "--target cup=127.0.0.1:8584");
        assertUsageError(replay("--input", hex.toString(), "--target", "visa=127.0.0.1:8584"), "--target visa=127.0.0.1:8584");
        assertUsageError(replay("--input", hex.toString(), "--profile", "iso87a", "--target", "127.0.0.1"), "is not HOST:PORT");
        assertUsageError(replay("--input", hex.toString(), "--profile", "iso87a", "--target", "127.0.0.1:99999"), "is not a port");
    }

    @Test
    void noTargetAndNoDryRun() {
        assertUsageError(replay("--input", hex.toString(), "--profile", "iso87a"), "--target HOST:PORT is needed (or --dry-run)");
    }

    @Test
    void aBadPace() throws IOException {
        for (String pace : new String[] {"fast", "x0", "x-2", "xabc", ""}) {
            assertUsageError(replay("--input", hex.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + closedPort(), "--pace", pace),
                    "--pace: '" + pace + "' is not original, max or xN");
        }
    }

    @Test
    void aBadRulesFileNamesFileAndKey() throws IOException {
        Path badRule = Files.writeString(dir.resolve("rules.yml"), "39: equal\n44: sometimes\n");
        assertUsageError(replay("--input", hex.toString(), "--dry-run", "--profile", "iso87a", "--rules", badRule.toString()),
                badRule.toString(), "44", "unknown rule 'sometimes'");
        Path badKey = Files.writeString(dir.resolve("keys.yml"), "39: equal\nrrn: ignore\n");
        assertUsageError(replay("--input", hex.toString(), "--dry-run", "--profile", "iso87a", "--rules", badKey.toString()),
                badKey.toString(), "'rrn' is not a field number");
        Path notYaml = Files.writeString(dir.resolve("broken.yml"), "39: [equal\n44: present\n");
        assertUsageError(replay("--input", hex.toString(), "--dry-run", "--profile", "iso87a", "--rules", notYaml.toString()),
                notYaml.toString(), "not valid YAML");
        Path missing = dir.resolve("missing.yml");
        assertUsageError(replay("--input", hex.toString(), "--dry-run", "--profile", "iso87a", "--rules", missing.toString()),
                missing.toString());
    }

    @Test
    void aHexDumpWithoutProfile() {
        assertUsageError(replay("--input", hex.toString(), "--dry-run"), "requests.hex", "--profile");
    }

    @Test
    void dryRunNeedsNoTargetAndSummarises() {
        CliHarness.Run r = replay("--input", hex.toString(), "--profile", "iso87a", "--dry-run");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("dry run: 3 messages read"), r.out());
        assertTrue(r.out().contains("nothing sent"), r.out());
        assertTrue(r.out().contains("requests 3: 0200 ×2, 0800 ×1"), r.out());
        assertTrue(r.out().contains("paired with a recorded response 0 · without one 3"), r.out());
        assertTrue(r.out().contains("TIDs 2: T0000001 T0000002"), r.out());
        assertTrue(r.out().contains("time span: no times recorded"), r.out());
        assertTrue(r.out().contains("records skipped (could not be read): 0"), r.out());
        assertFalse(r.out().contains("6222021234567890123"), "a dry run shows no card data: " + r.out());
        assertEquals("", r.err());
    }
}
