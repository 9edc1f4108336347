package io.acqsim.payout;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.acqsim.money.Amounts;
import io.acqsim.money.Currencies;

/**
 * Daily credit limits on merchants' accounts (DOMAIN.md §3: an unverified Class II account takes at
 * most ¥10,000 a day and the excess rolls over). On a local calendar day a limited account is credited
 * at most the limit in each currency, counting everything credited to it that day: payouts paid whole
 * and parts. The engine asks after every {@link PayoutGate} let a payout through, pays what still fits
 * today (a part, if not all of it) and offers the rest again at the next day's payout time.
 * <p>
 * What a merchant was credited on a day is read from the database the first time that day is needed
 * (so it survives a restart), then kept here; the engine adds what it commits. Limits may be added and
 * removed from any thread; the credited amounts are guarded by the scheduler lock, as the engine is.
 */
public final class DailyLimits {
    /**
     * At most {@code amount} minor units a day to the merchant's account, for credits in
     * {@code [from, to)} (a null end is open).
     *
     * @param detail what a person reads before the numbers in the delay reason (e.g. "Class II account"), or null
     */
    public record Limit(String merchantId, long amount, Instant from, Instant to, String detail, String faultId) {
        public Limit {
            if (amount <= 0) throw new IllegalArgumentException("daily limit of " + merchantId + " must be greater than zero");
            if (from != null && to != null && !to.isAfter(from)) throw new IllegalArgumentException("daily limit of " + merchantId + ": 'to' must be after 'from'");
        }

        boolean appliesAt(Instant at) {
            return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        }
    }

    /** A merchant's account in one currency on one local day. */
    record Day(String merchantId, String currency, LocalDate date) {
    }

    private final List<Limit> limits = new CopyOnWriteArrayList<>();
    private final PayoutStore store;
    private final ZoneId zone;
    private final LocalTime payoutTime;
    private final Map<Day, Long> credited = new HashMap<>();

    DailyLimits(PayoutStore store, ZoneId zone, LocalTime payoutTime) {
        this.store = store;
        this.zone = zone;
        this.payoutTime = payoutTime;
    }

    public void add(Limit l) {
        limits.add(l);
    }

    /** Lifts every limit of a fault activation. */
    public void remove(String faultId) {
        limits.removeIf(l -> faultId.equals(l.faultId()));
    }

    public List<Limit> limits() { return new ArrayList<>(limits); }

    /** The tightest limit on the merchant's account for a credit at {@code at}, or null. */
    Limit limitAt(String merchantId, Instant at) {
        Limit tightest = null;
        for (Limit l : limits) {
            if (l.merchantId().equals(merchantId) && l.appliesAt(at) && (tightest == null || l.amount() < tightest.amount())) tightest = l;
        }
        return tightest;
    }

    Day day(Payout p, Instant at) {
        return new Day(p.merchantId(), p.currency(), at.atZone(zone).toLocalDate());
    }

    /** What was credited on the day and committed; read from the database the first time. Caller holds the scheduler lock. */
    long credited(Day d) {
        Long known = credited.get(d);
        if (known != null) return known;
        credited.keySet().removeIf(k -> k.date().isBefore(d.date()));   // the clock never goes back
        Instant start = d.date().atStartOfDay(zone).toInstant();
        long v = store.credited(d.merchantId(), d.currency(), start, d.date().plusDays(1).atStartOfDay(zone).toInstant());
        credited.put(d, v);
        return v;
    }

    /** Credits the engine committed: added to the days already read (others are read when first needed). Caller holds the lock. */
    void committed(Map<Day, Long> credits) {
        credits.forEach((d, amount) -> credited.computeIfPresent(d, (k, v) -> v + amount));
    }

    /** When what did not fit at {@code at} is offered again: the next day's payout time, or the end of the limit if sooner. */
    Instant rollsOverAt(Limit l, Instant at) {
        Instant tomorrow = at.atZone(zone).toLocalDate().plusDays(1).atTime(payoutTime).atZone(zone).toInstant();
        return l.to() != null && l.to().isBefore(tomorrow) ? l.to() : tomorrow;
    }

    /** "[detail: ]daily limit 10000.00 CNY: 10000.00 of 15000.00 paid, 5000.00 rolls over". */
    static String detail(Limit l, Payout p, long paid) {
        return (l.detail() == null ? "" : l.detail() + ": ") + "daily limit " + Amounts.format(l.amount()) + " " + Currencies.alpha(p.currency()) + ": " + Amounts.format(paid) + " of "
                + Amounts.format(p.net()) + " paid, " + Amounts.format(p.net() - paid) + " rolls over";
    }
}
