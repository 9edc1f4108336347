package io.acqsim.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.acqsim.json.Times;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.Payout;

/**
 * The payout JSON of PRODUCT.md §5, used by the API and by {@code report --format json}. Instants carry
 * the host's offset; {@code delay} is an ISO-8601 duration, null until paid; amounts are minor units.
 * A payout split by a daily account limit also has {@code parts} (each credit, oldest first); for any
 * other payout the key is absent, so §5's shape is unchanged.
 */
public record PayoutView(String id, String merchantId, String bank, LocalDate businessDate, String product, int count,
                         long gross, long fee, long net, String currency, OffsetDateTime promisedAt, OffsetDateTime scheduledAt,
                         OffsetDateTime paidAt, String status, Duration delay, List<Reason> reasons,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<Part> parts) {

    /** One delay interval; {@code to} is null while it lasts. */
    public record Reason(String code, OffsetDateTime from, OffsetDateTime to, String detail, String faultId) {
    }

    /** One credit of a split payout, minor units. */
    public record Part(long amount, OffsetDateTime paidAt) {
    }

    public static PayoutView of(Payout p, ZoneId zone) {
        return new PayoutView(p.id(), p.merchantId(), p.bank(), p.businessDate(), p.product(), p.count(), p.gross(), p.fee(),
                p.net(), p.currency(), Times.local(p.promisedAt(), zone), Times.local(p.scheduledAt(), zone),
                Times.local(p.paidAt(), zone), p.status().name(), p.delay(),
                p.reasons().stream().map(r -> reason(r, zone)).toList(),
                p.parts().isEmpty() ? null : p.parts().stream().map(x -> new Part(x.amount(), Times.local(x.paidAt(), zone))).toList());
    }

    private static Reason reason(DelayReason r, ZoneId zone) {
        return new Reason(r.code().name(), Times.local(r.from(), zone), Times.local(r.to(), zone), r.detail(), r.faultId());
    }

    /** Paid after its promise, or not paid and past it at {@code now}. */
    public boolean delayedAt(OffsetDateTime now) {
        if (paidAt != null) return paidAt.isAfter(promisedAt);
        return now.isAfter(promisedAt);
    }
}
