package io.acqsim.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One offer of one payout at an instant: the first gate's obstacle, or payment of what the merchant's
 * daily limit lets through. Decides only; the {@link PayoutEngine} stores and schedules what it decides.
 * Delay reasons stay end to end: an interval opens where the last one (or the promise, or the schedule)
 * ended, and one cause lasting over several offers stays one interval.
 */
final class PayoutOffer {
    /** The payout after an offer, and when to offer it again (null: paid, or waiting for a release). */
    record Offered(Payout payout, Instant retryAt) {
    }

    private final List<PayoutGate> gates;
    private final DailyLimits limits;

    /** @param gates asked in order; the list is the engine's, read at each offer */
    PayoutOffer(List<PayoutGate> gates, DailyLimits limits) {
        this.gates = gates;
        this.limits = limits;
    }

    /**
     * Offers {@code p} at {@code at}. {@code credits} holds what the batch of offers credited so far
     * (not yet committed) and gets what this offer credits.
     */
    Offered offer(Payout p, Instant at, Map<DailyLimits.Day, Long> credits) {
        return offer(p, at, credits, null);
    }

    /**
     * Records the credit the bank already made for {@code p} ({@code known}, found by its credit id after a
     * restart): the offer made at the receipt's time, which passed every gate and credited the receipt's
     * amount, as it would have been stored had the host not stopped before storing it.
     */
    Offered recognise(Payout p, BankReceipts.Receipt known, Map<DailyLimits.Day, Long> credits) {
        return offer(p, known.at(), credits, known);
    }

    private Offered offer(Payout p, Instant at, Map<DailyLimits.Day, Long> credits, BankReceipts.Receipt known) {
        List<DelayReason> reasons = new ArrayList<>(p.reasons());
        DelayReason open = p.openReason();
        if (open == null) {
            Instant accounted = reasons.isEmpty() ? p.scheduledAt() : reasons.getLast().to();
            if (accounted.isBefore(p.promisedAt())) accounted = p.promisedAt();
            if (at.isAfter(accounted)) {
                reasons.add(new DelayReason(ReasonCode.HOST_MAINTENANCE, accounted, at, "acqsim was not running", null));
            }
        }
        Optional<Obstacle> obstacle = Optional.empty();
        if (known != null) return credit(p, at, p.attempts() + 1, reasons, credits, known.amount());
        for (PayoutGate g : gates) {
            obstacle = g.check(p, at);
            if (obstacle.isPresent()) break;
        }
        int attempts = p.attempts() + 1;
        if (obstacle.isEmpty()) return credit(p, at, attempts, reasons, credits, null);
        Obstacle o = obstacle.get();
        if (open == null || !open.sameCause(o.code(), o.detail(), o.faultId())) {
            if (open != null) reasons.set(reasons.size() - 1, open.closedAt(at));
            reasons.add(new DelayReason(o.code(), at, null, o.detail(), o.faultId()));
        }
        Instant retry = o.until() == null ? null : PayoutEngine.later(o.until(), at.plusSeconds(1));
        return new Offered(p.with(o.status(), null, attempts, reasons), retry);
    }

    /**
     * Pays what is left of the payout, or under a daily limit what still fits today: a part, the rest
     * HELD (DAILY_LIMIT, one interval however many days it rolls over) until the next day. A payout split
     * once records every part, the last one too.
     */
    private Offered credit(Payout p, Instant at, int attempts, List<DelayReason> reasons, Map<DailyLimits.Day, Long> credits, Long credited) {
        DelayReason open = p.openReason();
        long left = p.net() - p.paidSoFar();
        DailyLimits.Limit limit = limits.limitAt(p.merchantId(), at);
        DailyLimits.Day day = limits.day(p, at);
        long fits = credited != null ? credited
                : limit == null ? left : Math.max(0, limit.amount() - limits.credited(day) - credits.getOrDefault(day, 0L));
        if (fits >= left) {
            if (open != null) reasons.set(reasons.size() - 1, open.closedAt(at));
            credits.merge(day, left, Long::sum);
            List<PayoutPart> parts = p.parts().isEmpty() ? List.of() : append(p.parts(), new PayoutPart(left, at));
            return new Offered(p.with(PayoutStatus.PAID, at, attempts, reasons, parts), null);
        }
        List<PayoutPart> parts = p.parts();
        if (fits > 0) {
            credits.merge(day, fits, Long::sum);
            parts = append(parts, new PayoutPart(fits, at));
        }
        if (limit == null) {
            // a part the bank credited (a receipt found after a restart) under a limit no longer known: the rest is offered again
            return new Offered(p.with(PayoutStatus.HELD, null, attempts, reasons, parts), at.plusSeconds(1));
        }
        String detail = DailyLimits.detail(limit, p, p.paidSoFar() + fits);
        if (open != null && open.code() == ReasonCode.DAILY_LIMIT && Objects.equals(limit.faultId(), open.faultId())) {
            reasons.set(reasons.size() - 1, new DelayReason(ReasonCode.DAILY_LIMIT, open.from(), null, detail, open.faultId()));
        } else {
            if (open != null) reasons.set(reasons.size() - 1, open.closedAt(at));
            reasons.add(new DelayReason(ReasonCode.DAILY_LIMIT, at, null, detail, limit.faultId()));
        }
        return new Offered(p.with(PayoutStatus.HELD, null, attempts, reasons, parts), limits.rollsOverAt(limit, at));
    }

    private static List<PayoutPart> append(List<PayoutPart> parts, PayoutPart part) {
        List<PayoutPart> out = new ArrayList<>(parts);
        out.add(part);
        return out;
    }
}
