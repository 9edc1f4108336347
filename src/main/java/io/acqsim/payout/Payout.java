package io.acqsim.payout;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One payout: a merchant's net for one business date, paid exactly once (its id is derived from the
 * two). Immutable; the engine replaces it as it moves.
 *
 * @param count      transactions cleared into it (sales and refunds)
 * @param gross      approved sales, minor units
 * @param fee        merchant discount on those sales, minor units
 * @param refunds    approved refunds, minor units
 * @param net        gross - fee - refunds
 * @param promisedAt what the merchant expects without calendars or faults
 * @param scheduledAt the first time the calendar and freezes allow it to be sent
 * @param attempts   times it was offered to the bank
 * @param parts      the credits of a payout split by a daily account limit, oldest first; empty for a
 *                   payout credited whole
 */
public record Payout(
        String id, String merchantId, String bank, LocalDate businessDate, String product,
        int count, long gross, long fee, long refunds, long net, String currency,
        Instant promisedAt, Instant scheduledAt, Instant paidAt, PayoutStatus status, int attempts,
        List<DelayReason> reasons, List<PayoutPart> parts) {

    public Payout {
        reasons = List.copyOf(reasons);
        parts = List.copyOf(parts);
    }

    /** The id of the payout for a merchant and business date, e.g. PO-20261008-M00000000000001. */
    public static String idFor(LocalDate businessDate, String merchantId) {
        return "PO-" + businessDate.toString().replace("-", "") + "-" + merchantId;
    }

    /** max(0, paidAt - promisedAt) once paid; null before. */
    public Duration delay() {
        if (paidAt == null) return null;
        Duration d = Duration.between(promisedAt, paidAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean paid() { return status == PayoutStatus.PAID; }

    /** What the parts credited so far; 0 for a payout not split. */
    public long paidSoFar() {
        long sum = 0;
        for (PayoutPart part : parts) sum += part.amount();
        return sum;
    }

    public DelayReason openReason() {
        return reasons.isEmpty() || !reasons.getLast().open() ? null : reasons.getLast();
    }

    Payout withStored(List<DelayReason> r, List<PayoutPart> p) {
        return new Payout(id, merchantId, bank, businessDate, product, count, gross, fee, refunds, net, currency,
                promisedAt, scheduledAt, paidAt, status, attempts, r, p);
    }

    Payout with(PayoutStatus s, Instant paid, int tries, List<DelayReason> r) {
        return with(s, paid, tries, r, parts);
    }

    Payout with(PayoutStatus s, Instant paid, int tries, List<DelayReason> r, List<PayoutPart> p) {
        return new Payout(id, merchantId, bank, businessDate, product, count, gross, fee, refunds, net, currency,
                promisedAt, scheduledAt, paid, s, tries, r, p);
    }
}
