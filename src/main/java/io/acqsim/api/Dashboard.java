package io.acqsim.api;

import io.acqsim.report.PayoutView;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import io.acqsim.fault.Fault;
import io.acqsim.host.HostServices;
import io.acqsim.json.Times;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.report.Html;

/**
 * {@code GET /}: one read-only HTML page for a person at a browser — the simulated clock, counts, the
 * active faults, and the payout-delay report. No scripts; reload to refresh. The browser brings the
 * token once as {@code ?token=} and keeps it as a cookie.
 */
final class Dashboard {
    private Dashboard() {
    }

    static String render(HostServices host) {
        ZoneId zone = host.config().zone();
        OffsetDateTime now = OffsetDateTime.ofInstant(host.clock().instant(), zone);
        Stats stats = Stats.of(host);
        StringBuilder pre = new StringBuilder();
        pre.append("<p>Simulated time <b>").append(Html.esc(now.toString())).append("</b> (").append(Html.esc(host.clock().mode().name()))
                .append(" clock).</p>\n<p>Transactions ").append(Html.esc(stats.transactions().toString())).append("<br>Payouts ")
                .append(Html.esc(stats.payouts().toString())).append("</p>\n<h2>Faults</h2>\n");
        List<Fault> faults = host.faults().list();
        if (faults.isEmpty()) {
            pre.append("<p>None.</p>\n");
        } else {
            pre.append("<table><tr><th>id</th><th>type</th><th>from</th><th>to</th><th>active</th><th>scenario</th><th>spec</th></tr>\n");
            for (Fault f : faults) {
                pre.append("<tr><td>").append(Html.esc(f.id())).append("</td><td>").append(Html.esc(f.type())).append("</td><td>")
                        .append(Html.esc(String.valueOf(Times.local(f.window().from(), zone)))).append("</td><td>")
                        .append(Html.esc(String.valueOf(Times.local(f.window().to(), zone)))).append("</td><td>")
                        .append(f.window().contains(now.toInstant()) ? "yes" : "no").append("</td><td>")
                        .append(Html.esc(f.scenario() == null ? "" : f.scenario())).append("</td><td>")
                        .append(Html.esc(f.spec().toString())).append("</td></tr>\n");
            }
            pre.append("</table>\n");
        }
        var payouts = host.settlement().payouts().list(PayoutQuery.ALL, now.toInstant()).stream().map(p -> PayoutView.of(p, zone)).toList();
        return Html.page(payouts, now, "acqsim", pre.toString());
    }
}
