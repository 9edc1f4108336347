package io.acqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.report.PerMerchantRows;

/**
 * The main job end to end: two simulated weeks with the demo scenario's faults. Every fault shows up
 * in the payout delays with its id, every payout is paid, the HTML report is written.
 */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void theDemoShowsEveryFaultInThePayoutDelays() throws Exception {
        Path html = dir.resolve("report.html");
        CliHarness.Run r = CliHarness.execute("demo", "--data", dir.resolve("data").toString(), "--html", html.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        String out = r.out();
        for (String reason : new String[] {"HOLIDAY", "WEEKEND", "BANK_OUTAGE", "NETWORK_FAULT", "ACCOUNT_FROZEN", "INVALID_ACCOUNT", "RISK_HOLD"}) {
            assertTrue(out.matches("(?s).*\\n" + reason + " +\\d+ .*"), reason + " missing from the per-reason table:\n" + out);
        }
        assertTrue(out.contains("140 payouts, 140 paid"), out);
        assertTrue(out.matches("(?s).*2026-10-09 Fri .* reversed by terminals +[1-9].*"),
                "the terminal-link fault made terminals reverse on Friday:\n" + out);
        assertTrue(out.contains("returned payouts sent again"), out);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("BANK_OUTAGE") && page.contains("F-1"), "HTML report");
        assertTrue(page.contains("<svg id=\"payout-timeline\"") && page.contains("band band-holiday") && page.contains("data-fault=\"F-1\""),
                "the report opens with the timeline, National Day and the PSBC upgrade behind the bars");

        List<List<String>> console = PerMerchantRows.fromConsole(out);
        assertEquals(10, console.size(), out);
        assertEquals(console, PerMerchantRows.fromHtml(page), "the console and the HTML report agree per merchant");
        assertTrue(row(console, "M00000000000003").get(8).contains("F-3"), "merchant 3's frozen account: " + console);
        assertTrue(row(console, "M00000000000004").get(8).contains("F-4"), "merchant 4's invalid account: " + console);
    }

    private static List<String> row(List<List<String>> rows, String merchant) {
        return rows.stream().filter(r -> r.getFirst().equals(merchant)).findFirst().orElseThrow(() -> new AssertionError(merchant + " missing: " + rows));
    }
}
