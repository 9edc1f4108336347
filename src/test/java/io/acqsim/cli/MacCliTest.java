package io.acqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.MacTest;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/** {@code acqsim terminal --keys FILE} against a host with MAC on: it signs on for keys and MACs; {@code --mac-error} shows A0 / 63. */
class MacCliTest {
    static TestHost host;
    static Path keyFile;

    @TempDir
    Path data;

    @BeforeAll
    static void start() throws Exception {
        Path d = TestHost.tempData();
        keyFile = MacTest.writeKeyFile(d.resolve("keys-test.yml"));
        host = TestHost.start(d, Map.of("files.keys", keyFile.toString()));
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    private CliHarness.Run terminal(Profile p, String tid, String... more) {
        String mid = String.format("M%014d", (Integer.parseInt(tid.substring(1)) - 1) % 10 + 1);
        String[] base = {"terminal", "--profile", p.id(), "--port", String.valueOf(host.port(p)), "--tid", tid, "--mid", mid,
                "--data", data.toString(), "--timeout", "PT10S", "--keys", keyFile.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliHarness.execute(args);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void signsOnForKeysMacsAndShowsTheMacError(Profile p) {
        String tid = p == Profile.CUP ? "T0000061" : "T0000062";
        CliHarness.Run ok = terminal(p, tid, "purchase", "10.00");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("sign-on"), "signed on for keys first: " + ok.out());
        assertFalse(ok.out().contains("MAC PROBLEM"), ok.out());
        CliHarness.Run bad = terminal(p, tid, "--mac-error", "purchase", "10.00");
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("39=" + (p == Profile.CUP ? "A0" : "63")), bad.out());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void macErrorWhereMacIsOffIsABadFlag(Profile p) {
        CliHarness.Run r = terminal(p, "T0000700", "--mac-error", "purchase", "10.00");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--mac-error") && r.err().contains("MAC off"), r.err());
    }

    @org.junit.jupiter.api.Test
    void keysTmkPrintsTheTmkUnderTheLmkWithItsCheckValueNeverTheClearKey() {
        CliHarness.Run r = CliHarness.execute("keys", "tmk", "0123456789ABCDEFFEDCBA9876543210");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("tmk: 32333DB21AA61922041CD70B3B563C0C") && r.out().contains("check-value: 08D7B4"), r.out());
        assertFalse(r.out().contains("0123456789ABCDEF"), "the clear key is not printed back");
        CliHarness.Run bad = CliHarness.execute("keys", "tmk", "12345");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("16 or 32 hex digits"), bad.err());
    }

    /** The script runner MACs with the terminal's keys too: a day with purchases, and an unbalanced settlement with its upload. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void scriptsRunWithMacOn(Profile p) {
        String tid = p == Profile.CUP ? "T0000065" : "T0000066";
        String mid = String.format("M%014d", (Integer.parseInt(tid.substring(1)) - 1) % 10 + 1);
        for (String script : new String[] {"merchant-day.yml", "unbalanced-settlement.yml"}) {
            CliHarness.Run r = CliHarness.execute("terminal", "--script", TestHost.HOME.resolve("simulators").resolve(script).toString(),
                    "--profile", p.id(), "--port", String.valueOf(host.port(p)), "--tid", tid, "--mid", mid, "--data", data.toString(),
                    "--timeout", "PT10S", "--keys", keyFile.toString());
            assertEquals(0, r.exit(), script + ": " + r.out() + r.err());
            assertFalse(r.out().contains("MAC"), "no MAC problem in " + script + ": " + r.out());
        }
    }
}
