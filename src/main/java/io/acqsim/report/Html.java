package io.acqsim.report;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import io.acqsim.money.Amounts;

/**
 * The payout-delay report as one self-contained HTML page (no scripts, no external resources) that
 * prints well: the payout {@link Timeline} with its footnotes first, then the summaries per reason
 * ({@link ReasonSummary}) and per merchant ({@link MerchantSummary}, the numbers the console table
 * shows), then every payout.
 */
public final class Html {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin-bottom:2em}
            td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}td.n{text-align:right}
            tr.late{background:#fff3e0}
            figure{margin:0 0 1em 0}svg.timeline{max-width:100%;height:auto}
            .footnotes{font-size:smaller;max-height:18em;overflow:auto;border:1px solid #eee;padding:0.5em 0.5em 0.5em 3em;margin:0 0 2em 0}
            @page{size:A4 landscape;margin:1cm}
            @media print{body{margin:0;font-size:9pt}h2{break-after:avoid}tr,li{break-inside:avoid}
            figure{break-inside:avoid}svg.timeline{width:100%;max-height:13cm}h1{margin:0 0 0.3em 0}
            .footnotes{max-height:none;overflow:visible;border:none;columns:2}
            tr.late{background:none;font-weight:bold}}
            """;

    private Html() {
    }

    /**
     * The page with a preamble (trusted HTML) before the summaries and the payout table, for the admin
     * dashboard, which draws the timeline itself (its own panel, with the calendar's and the faults' bands).
     */
    public static String page(List<PayoutView> payouts, OffsetDateTime now, String title, String preamble) {
        StringBuilder h = head(payouts, now, title, preamble, 0);
        return tables(h, payouts, now);
    }

    /**
     * The report under {@code title}, with {@code preamble} (trusted HTML) before it; the timeline spans
     * the payouts' dates in {@code zone} with {@code bands} behind the bars.
     */
    public static String render(List<PayoutView> payouts, OffsetDateTime now, ZoneId zone, List<Band> bands, String title, String preamble) {
        Timeline.Span span = Timeline.Span.covering(payouts, now, zone);
        Timeline.Picture picture = Timeline.render(new Timeline.Input(span.from(), span.to(), zone, now, payouts, bands));
        StringBuilder h = head(payouts, now, title, preamble, picture.svg().length());
        h.append("<h2>Timeline</h2>\n<figure>\n").append(picture.svg()).append("<figcaption>").append(span.from()).append(" to ")
                .append(span.to()).append(" (").append(esc(zone.getId())).append("): a row per merchant, bars from promise to payment "
                        + "coloured by delay reason, ticks for payouts on time; numbers refer to the notes below.</figcaption>\n</figure>\n");
        if (!picture.notes().isEmpty()) {
            h.append("<ol class=\"footnotes\">\n");
            for (Timeline.Note n : picture.notes()) h.append("<li>").append(esc(n.text())).append("</li>\n");
            h.append("</ol>\n");
        }
        return tables(h, payouts, now);
    }

    /** The document up to the report's first section: title, preamble, counts. */
    private static StringBuilder head(List<PayoutView> payouts, OffsetDateTime now, String title, String preamble, int pictureLength) {
        StringBuilder h = new StringBuilder(pictureLength + payouts.size() * 400 + 16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>acqsim: ").append(esc(title))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n").append(preamble);
        h.append("<p>As of ").append(esc(now.toString())).append(": ").append(payouts.size()).append(" payouts, ")
                .append(payouts.stream().filter(p -> p.delayedAt(now)).count()).append(" delayed.</p>\n");
        return h;
    }

    /** The summaries per reason and per merchant and the payout table, closing the document. */
    private static String tables(StringBuilder h, List<PayoutView> payouts, OffsetDateTime now) {
        reasons(h, ReasonSummary.byReason(payouts, now));
        merchants(h, MerchantSummary.of(payouts, now));
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

    private static void reasons(StringBuilder h, List<ReasonSummary> rows) {
        h.append("<h2>Per reason</h2>\n<table class=\"per-reason\"><tr><th>reason</th><th>count</th><th>amount</th><th>mean delay</th>"
                + "<th>max delay</th><th>faults</th></tr>\n");
        for (ReasonSummary r : rows) {
            h.append("<tr><td><span style=\"color:").append(Timeline.colour(r.key())).append("\">■</span> ").append(esc(r.key())).append("</td>");
            h.append("<td class=\"n\">").append(r.count()).append("</td><td class=\"n\">").append(Amounts.format(r.amount())).append("</td>");
            cell(h, PayoutReport.human(r.mean()));
            cell(h, PayoutReport.human(r.max()));
            cell(h, String.join(", ", r.faultIds()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void merchants(StringBuilder h, List<MerchantSummary> rows) {
        h.append("<h2>Per merchant</h2>\n<table class=\"per-merchant\"><tr><th>merchant</th><th>bank</th><th>product</th><th>payouts</th>"
                + "<th>delayed</th><th>amount</th><th>mean delay</th><th>max delay</th><th>faults</th><th>reasons (code: payouts)</th></tr>\n");
        for (MerchantSummary m : rows) {
            h.append("<tr>");
            cell(h, m.merchantId());
            cell(h, m.bank());
            cell(h, m.product());
            h.append("<td class=\"n\">").append(m.payouts()).append("</td><td class=\"n\">").append(m.delayed()).append("</td><td class=\"n\">")
                    .append(Amounts.format(m.amount())).append("</td>");
            cell(h, PayoutReport.human(m.mean()));
            cell(h, PayoutReport.human(m.max()));
            cell(h, String.join(", ", m.faultIds()));
            cell(h, m.reasonCounts());
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
