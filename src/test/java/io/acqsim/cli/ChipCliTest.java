package io.acqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/** {@code acqsim terminal} as a chip terminal: start-up downloads after sign-on, --chip purchases, scripts with chip: true. */
class ChipCliTest {
    private static TestHost host;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        host = TestHost.start(TestHost.tempData(), Map.of("chip.downloads", "true"));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private CliHarness.Run terminal(String tid, String... action) {
        String[] base = {"terminal", "--profile", "cup", "--port", String.valueOf(host.port(Profile.CUP)), "--tid", tid,
                "--mid", "M00000000000002", "--data", data.toString(), "--timeout", "PT10S"};
        String[] args = new String[base.length + action.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(action, 0, args, base.length, action.length);
        return CliHarness.execute(args);
    }

    @Test
    void signOnRunsTheDownloadsOnceAndChipPurchasesShowTheTcUpload() {
        CliHarness.Run r = terminal("T0000602", "signon");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (String code : new String[] {"download 372", "download 370", "download 371", "download 382", "download 380", "download 381"}) {
            assertTrue(r.out().contains(code), code + " in " + r.out());
        }
        r = terminal("T0000602", "signon");
        assertFalse(r.out().contains("download"), "the downloads are done: " + r.out());

        r = terminal("T0000602", "purchase", "12.34", "--chip");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("chip purchase") && r.out().contains("TC upload") && r.out().contains("0320 -> 0330  39=00"), r.out());

        r = terminal("T0000602", "--no-downloads", "purchase", "1.00", "--chip", "--qr", "6225123412341234123");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--chip and --qr exclude each other"), r.err());
    }

    @Test
    void aScriptedChipPurchase() throws Exception {
        Path script = data.resolve("chip.yml");
        Files.writeString(script, """
                terminal: { tid: T0000612, mid: M00000000000002 }
                steps:
                  - signon: {}
                  - purchase: { amount: "5.00", chip: true }
                    expect: { rc: "00", mandatory: [55] }
                  - purchase: { amount: "5.51", chip: true }
                    expect: { rc: "51", mandatory: [55] }
                """);
        CliHarness.Run r = CliHarness.execute("terminal", "--script", script.toString(), "--profile", "cup", "--port", String.valueOf(host.port(Profile.CUP)),
                "--data", data.toString(), "--timeout", "PT10S");
        assertEquals(0, r.exit(), r.out() + r.err());
        Files.writeString(script, "steps:\n  - purchase: { amount: \"5.00\", chip: maybe }\n");
        r = CliHarness.execute("terminal", "--script", script.toString(), "--tid", "T0000612", "--mid", "M00000000000002",
                "--port", String.valueOf(host.port(Profile.CUP)), "--data", data.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'maybe' is neither true nor false"), r.err());
    }
}
