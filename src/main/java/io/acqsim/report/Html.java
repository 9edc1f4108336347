package io.acqsim.report;

import java.time.OffsetDateTime;
import java.util.List;

import io.acqsim.money.Amounts;

/** The payout-delay report as one self-contained HTML page (no scripts, no external resources). */
public final class Html {
    private Html() {
    }

    /** The page with a preamble, for the admin dashboard. */
    public static String page(List<PayoutView> payouts, OffsetDateTime now, String title, String preamble) {
        return render(payouts, now, title, preamble);
    }

    static String render(List<PayoutView> payouts, OffsetDateTime now) {
        return render(payouts, now, "Payout delays", "");
    }

    /** The report under {@code title}, with {@code preamble} (trusted HTML) before the tables. */
    static String render(List<PayoutView> payouts, OffsetDateTime now, String title, String preamble) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>acqsim</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
                td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.n{text-align:right}
                tr.late{background:#fff3e0}</style></head><body>
                """);
        h.append("<h1>").append(esc(title)).append("</h1>\n").append(preamble);
        h.append("<p>As of ").append(esc(now.toString())).append(": ").append(payouts.size()).append(" payouts, ")
                .append(payouts.stream().filter(p -> p.delayedAt(now)).count()).append(" delayed.</p>\n");
        summary(h, "Per reason", "reason", ReasonSummary.byReason(payouts, now));
        summary(h, "Per merchant", "merchant", ReasonSummary.byMerchant(payouts, now));
        h.append("<h2>Payouts</h2>\n<table><tr><th>payout</th><th>merchant</th><th>bank</th><th>business date</th><th>product</th>"
                + "<th>net</th><th>promised</th><th>paid</th><th>status</th><th>delay</th><th>reasons</th></tr>\n");
        for (PayoutView p : payouts) {
            h.append(p.delayedAt(now) ? "<tr class=\"late\">" : "<tr>");
            cell(h, p.id());
            cell(h, p.merchantId());
            cell(h, p.bank());
            cell(h, p.businessDate().toString());
            cell(h, p.product());
            h.append("<td class=\"n\">").append(Amounts.format(p.net())).append("</td>");
            cell(h, PayoutReport.shortTime(p.promisedAt()));
            cell(h, PayoutReport.shortTime(p.paidAt()));
            cell(h, p.status());
            cell(h, PayoutReport.human(ReasonSummary.delay(p, now)));
            StringBuilder rs = new StringBuilder();
            for (PayoutView.Reason r : p.reasons()) {
                rs.append(r.code()).append(" ").append(PayoutReport.shortTime(r.from())).append(" → ").append(PayoutReport.shortTime(r.to()));
                if (r.detail() != null) rs.append(" (").append(r.detail()).append(")");
                if (r.faultId() != null) rs.append(" [").append(r.faultId()).append("]");
                rs.append("; ");
            }
            cell(h, rs.toString());
            h.append("</tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static void summary(StringBuilder h, String title, String key, List<ReasonSummary> rows) {
        h.append("<h2>").append(title).append("</h2>\n<table><tr><th>").append(key)
                .append("</th><th>count</th><th>amount</th><th>mean delay</th><th>max delay</th><th>faults</th></tr>\n");
        for (ReasonSummary r : rows) {
            h.append("<tr>");
            cell(h, r.key());
            h.append("<td class=\"n\">").append(r.count()).append("</td><td class=\"n\">").append(Amounts.format(r.amount())).append("</td>");
            cell(h, PayoutReport.human(r.mean()));
            cell(h, PayoutReport.human(r.max()));
            cell(h, String.join(", ", r.faultIds()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void cell(StringBuilder h, String v) {
        h.append("<td>").append(esc(v)).append("</td>");
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
