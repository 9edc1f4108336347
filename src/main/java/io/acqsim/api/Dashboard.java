package io.acqsim.api;

import io.acqsim.report.PayoutView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.acqsim.admin.AdminResponse;
import io.acqsim.host.HostServices;
import io.acqsim.json.Json;
import io.acqsim.report.Html;

/**
 * {@code GET /}: the live dashboard for a person at a browser. Its panels (the simulated clock with
 * advance and set controls, transactions and payouts by status, throughput and latency over the last minutes,
 * response codes, faults and their windows, the payout timeline for chosen dates) are drawn by the
 * page's own script ({@code dashboard.js} beside this class) from the state served with the page, then
 * kept up to date by polling the JSON endpoints. The payout timeline of the default range is drawn here,
 * in the page, so it shows with the first paint; the script fetches it again when payouts or dates change; below them, the payout-delay report of the business dates
 * the timeline shows by default (the last {@value PayoutTimeline#DEFAULT_DAYS} days up to the clock's date)
 * as of page load. It is bounded so the page stays small and quick with months of payouts in the ledger;
 * the whole report is {@code bin/acqsim report payouts --format html}.
 * <p>
 * The browser brings the token once as {@code ?token=} and keeps it as a cookie; the page carries the
 * CSRF token its script sends with writes. Its Content-Security-Policy lets only that script run (by
 * its hash), lets it talk only to this server, and forbids framing; nothing is loaded from elsewhere.
 */
final class Dashboard {
    private static final String SCRIPT = resource("dashboard.js");
    private static final String STYLE = resource("dashboard.css");
    private static final String POLICY = "default-src 'none'; script-src 'sha256-" + sha256(SCRIPT) + "'; style-src 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** How often the page polls; the page asks for a clock, stats and faults per round, and the newest transactions when counts change. */
    private static final int POLL_MILLIS = 2000;

    private Dashboard() {
    }

    /**
     * The page, with {@code state} ({@code {"clock": ..., "stats": ..., "faults": [...]}} as the
     * endpoints give them) for its first paint and {@code csrfToken} for its writes.
     */
    static AdminResponse page(HostServices host, String csrfToken, Object state) {
        ZoneId zone = host.config().zone();
        OffsetDateTime now = OffsetDateTime.ofInstant(host.clock().instant(), zone);
        LocalDate to = now.toLocalDate();
        LocalDate from = to.minusDays(PayoutTimeline.DEFAULT_DAYS - 1);
        List<PayoutView> recent = PayoutTimeline.payouts(host, from, to, now.toInstant());
        String live = """
                <style>%s</style>
                <section id="live" data-csrf="%s" data-poll-ms="%d">
                <noscript><p>The live panels need JavaScript; the report below is as of page load.</p></noscript>
                <div class="panels">
                <div class="panel"><h2>Simulated clock</h2>
                <p><b id="clock"></b><br><span id="clock-mode"></span> clock, business date <span id="business-date"></span><br>
                next job: <span id="next-job"></span> (<span id="pending-jobs"></span> pending)</p>
                <form id="advance-form"><label>Advance by <input id="advance-by" value="PT1H" size="10"></label>
                <button id="advance" type="submit">Advance</button></form>
                <form id="set-form"><label>Set to <input id="set-to" size="26"></label>
                <button id="set" type="submit">Set</button></form>
                <p id="clock-message" role="status"></p></div>
                <div class="panel"><h2>Transactions</h2><table><tbody id="transaction-counts"></tbody></table>
                <h2>Payouts</h2><table><tbody id="payout-counts"></tbody></table></div>
                <div class="panel chart"><h2>Throughput</h2>
                <svg id="throughput" data-points="0" data-peak="0.0" viewBox="0 0 600 120" preserveAspectRatio="none" role="img" aria-label="transactions per second, last five minutes">
                <line id="throughput-peak-line" x1="0" x2="600" y1="11" y2="11"></line>
                <text x="4" y="24" id="throughput-scale"></text>
                <text x="4" y="114">5 min ago</text><text x="596" y="114" text-anchor="end">now</text>
                <polyline id="throughput-line" points=""></polyline></svg>
                <p>Transactions per second over the last five minutes (wall time): now <span id="throughput-last">0.0</span>,
                peak <span id="throughput-peak">0.0</span>.</p></div>
                <div class="panel chart"><h2>Latency</h2>
                <svg id="latency" data-points="0" viewBox="0 0 600 120" preserveAspectRatio="none" role="img" aria-label="request latency, last five minutes">
                <text x="4" y="24" id="latency-scale"></text>
                <text x="4" y="114">5 min ago</text><text x="596" y="114" text-anchor="end">now</text>
                <polyline id="latency-p99" points=""></polyline><polyline id="latency-mean" points=""></polyline></svg>
                <p>Request latency between polls, from the host's histogram: <span class="p99">p99</span> (its bucket's upper bound)
                now <span id="latency-last-p99">-</span> ms, <span class="mean">mean</span> <span id="latency-last-mean">-</span> ms.</p></div>
                <div class="panel"><h2>Response codes</h2><table><thead><tr><th>code</th><th>count</th></tr></thead>
                <tbody id="response-codes"></tbody></table><p>Since the host started.</p>
                <h2>Terminals connected</h2><table><thead><tr><th>profile</th><th>now</th></tr></thead>
                <tbody id="terminals"></tbody></table></div>
                </div>
                <div class="panel wide"><h2>Faults</h2><p id="faults-none">None.</p>
                <table id="faults-table"><thead><tr><th>id</th><th>type</th><th>from</th><th>to</th><th>now</th><th>scenario</th><th>spec</th></tr></thead>
                <tbody id="faults"></tbody></table></div>
                <div class="panel wide"><h2>Payout timeline</h2>
                <form id="timeline-form" data-days="%d"><label>From <input id="timeline-from" type="date" value="%s"></label>
                <label>to <input id="timeline-to" type="date" value="%s"></label> <button id="timeline-show" type="submit">Show</button></form>
                <div id="timeline">%s</div><p id="timeline-message" role="status"></p></div>
                <p id="updated"></p><p id="status" role="status"></p>
                </section>
                <script type="application/json" id="initial-state">%s</script>
                <script>%s</script>
                <h2 id="report">Payout report, business dates %s to %s, as of page load</h2>
                <p>The whole report: <code>bin/acqsim report payouts --format html</code>.</p>
                """.formatted(STYLE, Html.esc(csrfToken), POLL_MILLIS, PayoutTimeline.DEFAULT_DAYS, from, to,
                PayoutTimeline.svg(host, from, to, now.toInstant(), recent), json(state), SCRIPT, from, to);
        var payouts = recent.stream().filter(p -> !p.businessDate().isBefore(from)).toList();
        return AdminResponse.text("text/html; charset=utf-8", Html.page(payouts, now, "acqsim", live))
                .withHeader("Content-Security-Policy", POLICY)
                .withHeader("Cache-Control", "no-store")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    /** JSON that cannot end the script element it sits in: every {@code <} escaped ({@code <} occurs only inside JSON strings). */
    private static String json(Object state) {
        try {
            return Json.mapper().writeValueAsString(state).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("dashboard state is not JSON", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource io/acqsim/api/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
