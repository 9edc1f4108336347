package io.acqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.host.SharedHostTest;
import io.acqsim.iso.Profile;

/** {@code acqsim terminal} against a real host: output, exit codes, state kept between runs. */
class CliTest extends SharedHostTest {

    @TempDir
    Path data;

    private CliHarness.Run terminal(Profile p, String... action) {
        return terminalAs(p, "T0000007", action);
    }

    private CliHarness.Run terminalAs(Profile p, String tid, String... action) {
        String mid = String.format("M%014d", (Integer.parseInt(tid.substring(1)) - 1) % 10 + 1);
        String[] base = {"terminal", "--profile", p.id(), "--port", String.valueOf(host.port(p)), "--tid", tid,
                "--mid", mid, "--data", data.toString(), "--timeout", "PT10S"};
        String[] args = new String[base.length + action.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(action, 0, args, base.length, action.length);
        return CliHarness.execute(args);
    }

    @Test
    void helpListsOnlyTheCommandsThatExist() {
        CliHarness.Run r = CliHarness.execute("--help");
        assertEquals(0, r.exit());
        String help = r.out();
        for (String c : new String[] {"run", "terminal", "demo", "load", "clock", "settle", "report", "fault", "scenario", "proxy", "replay"}) {
            assertTrue(help.contains("  " + c + " "), help);
        }
    }

    @Test
    void approvedIsExit0DeclinedExit1BadUsageExit2AndStateCarriesOver() throws Exception {
        CliHarness.Run r = terminal(Profile.ISO87A, "signon");
        assertEquals(0, r.exit(), r.out() + r.err());
        r = terminal(Profile.ISO87A, "purchase", "12.34");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("39=00 approved") && r.out().contains("amount 12.34"), r.out());
        String rrn = r.out().replaceAll("(?s).*RRN (\\d{12}).*", "$1");

        r = terminal(Profile.ISO87A, "purchase", "1.51");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("39=51 insufficient funds"), r.out());

        r = terminal(Profile.ISO87A, "void", rrn);
        assertEquals(0, r.exit(), "the void found the sale's amount in the state file: " + r.out() + r.err());
        assertTrue(Files.readString(data.resolve("terminals/T0000007.json")).contains("VOIDED"));

        r = terminal(Profile.ISO87A, "purchase", "12.345");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("more than two decimals"), r.err());

        r = terminal(Profile.ISO87A, "dance");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown action 'dance'"), r.err());

        r = terminal(Profile.ISO87A, "settle");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("0500 -> 0510  39=00"), r.out());
    }

    @Test
    void qrPurchaseOnCup() {
        CliHarness.Run r = terminalAs(Profile.CUP, "T0000008", "purchase", "8.00", "--qr", "6225123412341234123");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("qr purchase"), r.out());
    }
}
