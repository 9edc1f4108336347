package io.acqsim.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.acqsim.admin.AdminRequest;
import io.acqsim.admin.AdminResponse;
import io.acqsim.admin.ApiError;
import io.acqsim.admin.ApiException;
import io.acqsim.host.HostServices;
import io.acqsim.json.Times;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.report.PayoutView;
import io.acqsim.report.Timeline;
import io.acqsim.report.TimelineBands;

/**
 * {@code GET /api/payouts/timeline.svg?from=DATE&to=DATE}: the payout {@link Timeline} of the dates
 * {@code from..to} (both included, in the host's zone) as {@code image/svg+xml}, with the host's
 * calendar and faults behind the bars. Without dates it shows the last {@link #DEFAULT_DAYS} days up to
 * the simulated clock's date; with one of them, {@link #DEFAULT_DAYS} days from or up to it. A date
 * that does not parse, {@code to} before {@code from} or more than {@link #MAX_DAYS} days is a 400
 * BAD_REQUEST. Payouts are read from {@link #LOOKBACK_DAYS} business dates before {@code from}, so a
 * payout held that long still shows where it reaches into the range.
 */
final class PayoutTimeline {
    static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 366;
    static final int LOOKBACK_DAYS = 31;

    private final HostServices host;

    PayoutTimeline(HostServices host) {
        this.host = host;
    }

    AdminResponse get(AdminRequest r) {
        ZoneId zone = host.config().zone();
        Instant now = host.clock().instant();
        LocalDate from = date(r, "from");
        LocalDate to = date(r, "to");
        if (to == null) to = from == null ? now.atZone(zone).toLocalDate() : from.plusDays(DEFAULT_DAYS - 1);
        if (from == null) from = to.minusDays(DEFAULT_DAYS - 1);
        if (to.isBefore(from)) throw new ApiException(ApiError.BAD_REQUEST, "to (" + to + ") is before from (" + from + ")");
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) throw new ApiException(ApiError.BAD_REQUEST, "at most " + MAX_DAYS + " days at once, asked for " + days);
        return AdminResponse.text("image/svg+xml; charset=utf-8", svg(from, to, now, zone));
    }

    private String svg(LocalDate from, LocalDate to, Instant now, ZoneId zone) {
        return svg(host, from, to, now, payouts(host, from, to, now));
    }

    /** The payouts the timeline of {@code from..to} may show: those of business dates from {@link #LOOKBACK_DAYS} before {@code from} to {@code to}. */
    static List<PayoutView> payouts(HostServices host, LocalDate from, LocalDate to, Instant now) {
        ZoneId zone = host.config().zone();
        return host.settlement().payouts().list(new PayoutQuery(null, null, from.minusDays(LOOKBACK_DAYS), to, null, null), now)
                .stream().map(p -> PayoutView.of(p, zone)).toList();
    }

    /** The picture of {@code from..to} with {@code payouts} (as {@link #payouts} reads them) and the host's calendar and faults behind them. */
    static String svg(HostServices host, LocalDate from, LocalDate to, Instant now, List<PayoutView> payouts) {
        ZoneId zone = host.config().zone();
        var bands = TimelineBands.of(host.settlement().calendar(), host.faults().list(), from, to, zone);
        return Timeline.render(new Timeline.Input(from, to, zone, OffsetDateTime.ofInstant(now, zone), payouts, bands)).svg();
    }

    private static LocalDate date(AdminRequest r, String name) {
        try {
            return r.query(name).filter(v -> !v.isBlank()).map(v -> Times.date(name, v)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.BAD_REQUEST, e.getMessage());
        }
    }
}
