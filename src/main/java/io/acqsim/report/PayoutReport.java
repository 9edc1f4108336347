package io.acqsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.acqsim.json.Json;
import io.acqsim.money.Amounts;

/**
 * The payout-delay report: every payout (table, CSV, JSON, HTML) and a summary per reason and per
 * merchant. Amounts print in major units in the table and HTML, minor units in CSV and JSON. The HTML
 * report starts with the payout {@link Timeline} over the dates the payouts span, drawn in
 * {@code zone} with the given {@link Band bands} behind the bars.
 */
public final class PayoutReport {
    public enum Format { TABLE, CSV, JSON, HTML }

    private final List<PayoutView> payouts;
    private final OffsetDateTime now;
    private final ZoneId zone;
    private final List<Band> bands;

    /** @param bands the timeline's bands, e.g. {@link TimelineBands#of} over {@link Timeline.Span#covering} the payouts */
    public PayoutReport(List<PayoutView> payouts, OffsetDateTime now, ZoneId zone, List<Band> bands) {
        this.payouts = List.copyOf(payouts);
        this.now = now;
        this.zone = zone;
        this.bands = List.copyOf(bands);
    }

    public String render(Format f) {
        return switch (f) {
            case TABLE -> table();
            case CSV -> csv();
            case JSON -> json();
            case HTML -> Html.render(payouts, now, zone, bands, "Payout delays", "");
        };
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-15s %-4s %-10s %-2s %12s %-16s %-16s %-8s %10s  %s%n", "payout", "merchant", "bank",
                "bus. date", "pr", "net", "promised", "paid", "status", "delay", "reasons"));
        for (PayoutView p : payouts) {
            out.append(String.format("%-28s %-15s %-4s %-10s %-2s %12s %-16s %-16s %-8s %10s  %s%n", p.id(), p.merchantId(), p.bank(),
                    p.businessDate(), p.product(), Amounts.format(p.net()), shortTime(p.promisedAt()), shortTime(p.paidAt()), p.status(),
                    human(ReasonSummary.delay(p, now)), reasons(p)));
        }
        out.append(String.format("%n%d payouts, %d delayed%n", payouts.size(),
                payouts.stream().filter(p -> p.delayedAt(now)).count()));
        out.append(String.format("%nper reason:%n")).append(reasonTable(ReasonSummary.byReason(payouts, now)));
        out.append(String.format("%nper merchant:%n")).append(merchantTable(MerchantSummary.of(payouts, now)));
        return out.toString();
    }

    /** The per-reason summary as console text: a header line, then a line per reason. */
    public static String reasonTable(List<ReasonSummary> rows) {
        StringBuilder out = new StringBuilder(String.format("%-16s %6s %14s %12s %12s  %s%n", "reason", "count", "amount", "mean delay",
                "max delay", "faults"));
        if (rows.isEmpty()) out.append("  (no delays)\n");
        for (ReasonSummary r : rows) {
            out.append(String.format("%-16s %6d %14s %12s %12s  %s%n", r.key(), r.count(), Amounts.format(r.amount()), human(r.mean()),
                    human(r.max()), String.join(",", r.faultIds())));
        }
        return out.toString();
    }

    /** The per-merchant summary as console text: a header line, then a line per merchant. */
    public static String merchantTable(List<MerchantSummary> rows) {
        StringBuilder out = new StringBuilder(String.format("%-16s %-4s %-2s %7s %7s %14s %11s %11s  %-12s %s%n", "merchant", "bank", "pr",
                "payouts", "delayed", "amount", "mean delay", "max delay", "faults", "reasons (code: payouts)"));
        if (rows.isEmpty()) out.append("  (no payouts)\n");
        for (MerchantSummary m : rows) {
            out.append(String.format("%-16s %-4s %-2s %7d %7d %14s %11s %11s  %-12s %s%n", m.merchantId(), m.bank(), m.product(), m.payouts(),
                    m.delayed(), Amounts.format(m.amount()), human(m.mean()), human(m.max()), m.faultIds().isEmpty() ? "-"
                            : String.join(",", m.faultIds()), m.reasonCounts()));
        }
        return out.toString();
    }

    public String csv() {
        StringBuilder out = new StringBuilder("id,merchant_id,bank,business_date,product,count,gross,fee,net,currency,promised_at,"
                + "scheduled_at,paid_at,status,delay_seconds,reasons\n");
        for (PayoutView p : payouts) {
            out.append(String.join(",", p.id(), p.merchantId(), p.bank(), p.businessDate().toString(), p.product(), String.valueOf(p.count()),
                    String.valueOf(p.gross()), String.valueOf(p.fee()), String.valueOf(p.net()), p.currency(), str(p.promisedAt()),
                    str(p.scheduledAt()), str(p.paidAt()), p.status(), p.delay() == null ? "" : String.valueOf(p.delay().toSeconds()),
                    reasonsCsv(p))).append('\n');
        }
        return out.toString();
    }

    public String json() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(payouts) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** "WEEKEND(2d) BANK_OUTAGE(6h+)": each reason's length; an open one's so far, marked "+". */
    private String reasons(PayoutView p) {
        return String.join(" ", p.reasons().stream().map(r -> r.code() + "(" + human(Duration.between(r.from(),
                r.to() == null ? later(r.from(), now) : r.to())) + (r.to() == null ? "+" : "") + ")").toList());
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return b.isAfter(a) ? b : a;
    }

    /** code:seconds:faultId separated by ';' (quoted: no commas inside). */
    private static String reasonsCsv(PayoutView p) {
        return String.join(";", p.reasons().stream().map(r -> r.code() + ":" + (r.to() == null ? "open"
                : String.valueOf(Duration.between(r.from(), r.to()).toSeconds())) + (r.faultId() == null ? "" : ":" + r.faultId())).toList());
    }

    static String shortTime(OffsetDateTime t) {
        return t == null ? "-" : t.toLocalDate() + " " + t.toLocalTime().toString().substring(0, 5);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** 0, 45m, 4h, 7d, 2d4h30m. */
    public static String human(Duration d) {
        if (d == null) return "-";
        if (d.isZero()) return "0";
        long days = d.toDays();
        int h = d.toHoursPart();
        int m = d.toMinutesPart();
        StringBuilder s = new StringBuilder();
        if (days > 0) s.append(days).append('d');
        if (h > 0) s.append(h).append('h');
        if (m > 0) s.append(m).append('m');
        if (s.isEmpty()) s.append(d.toSecondsPart()).append('s');
        return s.toString().toLowerCase(Locale.ROOT);
    }
}
