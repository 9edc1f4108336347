package io.acqsim.report;

import static io.acqsim.report.TimelineTest.at;
import static io.acqsim.report.TimelineTest.payout;
import static io.acqsim.report.TimelineTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The payout report's formats agree: the per-merchant numbers of the console table and of the HTML
 * report come from one computation ({@link MerchantSummary}) — the mean delay over all of a merchant's
 * payouts, and the faults behind its delays (the demo's F-3 frozen and F-4 invalid accounts).
 */
class PayoutReportTest {
    static final OffsetDateTime NOW = at("2026-10-16T12:00");

    static final List<PayoutView> PAYOUTS = List.of(
            payout("PO-20261008-M00000000000001", "M00000000000001", "PSBC", "2026-10-08", "2026-10-09T10:00", "2026-10-09T10:00", "PAID"),
            payout("PO-20261008-M00000000000003", "M00000000000003", "ICBC", "2026-10-08", "2026-10-09T10:00", "2026-10-09T10:00", "PAID"),
            payout("PO-20261009-M00000000000003", "M00000000000003", "ICBC", "2026-10-09", "2026-10-10T10:00", "2026-10-13T10:00", "PAID",
                    reason("ACCOUNT_FROZEN", "2026-10-10T10:00", "2026-10-13T10:00", "account frozen", "F-3")),
            payout("PO-20261008-M00000000000004", "M00000000000004", "PSBC", "2026-10-08", "2026-10-09T10:00", "2026-10-14T10:00", "PAID",
                    reason("INVALID_ACCOUNT", "2026-10-09T10:00", "2026-10-14T10:00", "invalid account number", "F-4")),
            payout("PO-20261010-M00000000000004", "M00000000000004", "PSBC", "2026-10-10", "2026-10-11T10:00", null, "RETURNED",
                    reason("WEEKEND", "2026-10-11T10:00", "2026-10-12T10:00", "Sunday", null),
                    reason("INVALID_ACCOUNT", "2026-10-12T10:00", null, "invalid account number", "F-4")));

    @Test
    void theConsoleAndHtmlShowTheSameNumbersPerMerchant() {
        PayoutReport report = new PayoutReport(PAYOUTS, NOW, TimelineTest.SHANGHAI, TimelineTest.bands());
        List<List<String>> console = PerMerchantRows.fromConsole(report.render(PayoutReport.Format.TABLE));
        List<List<String>> html = PerMerchantRows.fromHtml(report.render(PayoutReport.Format.HTML));
        assertEquals(3, console.size(), console.toString());
        assertEquals(console, html);
        assertEquals(List.of("M00000000000003", "ICBC", "T1", "2", "1", "1980.00", "1d12h", "3d", "F-3", "ACCOUNT_FROZEN: 1"), console.get(1),
                "the mean is over both payouts, the on-time one counting 0");
        assertEquals(List.of("M00000000000004", "PSBC", "T1", "2", "2", "1980.00", "5d1h", "5d2h", "F-4", "INVALID_ACCOUNT: 2, WEEKEND: 1"),
                console.get(2), "5d and 5d2h so far (unpaid, counted to now)");
        assertEquals("", console.get(0).get(8), "no fault behind merchant 1");
    }

    @Test
    void theHtmlReportOpensWithTheTimelineThenSummariesThenPayouts() {
        String html = new PayoutReport(PAYOUTS, NOW, TimelineTest.SHANGHAI, TimelineTest.bands()).render(PayoutReport.Format.HTML);
        int timeline = html.indexOf("<svg id=\"payout-timeline\"");
        int notes = html.indexOf("<ol class=\"footnotes\">");
        int perReason = html.indexOf("<h2>Per reason</h2>");
        int perMerchant = html.indexOf("<h2>Per merchant</h2>");
        int table = html.indexOf("<h2>Payouts</h2>");
        assertTrue(timeline > 0 && timeline < notes && notes < perReason && perReason < perMerchant && perMerchant < table, html);
        assertTrue(html.contains("@media print"), "prints well");
        String outside = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(outside.contains("<script") || outside.contains("http://") || outside.contains("https://"), "self-contained: no script, nothing fetched");
        assertTrue(html.contains("data-fault=\"F-3\"") && html.contains("band band-makeup"), "the bands behind the bars");
        assertEquals(3, html.split("<li>", -1).length - 1, "a footnote per delayed payout");
    }
}
