package io.acqsim.payout;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clearing.ClearingRow;
import io.acqsim.clock.Scheduler;

/**
 * Payouts from planning to payment (PRODUCT.md §5), driven by the simulated clock.
 * <ul>
 * <li>A cleared row with a positive net becomes a payout, planned by {@link PayoutPlan}: promised and
 *     scheduled times, with calendar reasons for the difference.</li>
 * <li>At its scheduled time each payout is offered to its bank through the {@link PayoutGate}s
 *     ({@link PayoutOffer}); an obstacle leaves it QUEUED, HELD or RETURNED with an open delay reason
 *     and a retry time (or none, until released); otherwise it is PAID and its reasons are closed at
 *     the payment.</li>
 * <li>A merchant's account under a {@link DailyLimits daily limit} takes what still fits that day: the
 *     payout is paid in parts, HELD with a DAILY_LIMIT reason until the last part, the rest offered
 *     again the next day. Payouts of one merchant due together are served in id order (older
 *     business date first).</li>
 * <li>Payouts due at one instant are offered together and stored in one database transaction.</li>
 * </ul>
 * Every method but {@link #store()}, {@link #limits()} and the constructor must be called under the
 * {@link Scheduler}'s lock (its jobs run under it), so the engine is single-threaded by construction.
 */
public final class PayoutEngine {
    private final DataSource db;
    private final Scheduler scheduler;
    private final PayoutPlan plan;
    private final PayoutStore store;
    private final DailyLimits limits;
    private final List<PayoutGate> gates;
    private final PayoutOffer offers;
    private final List<Consumer<Payout>> paidListeners = new CopyOnWriteArrayList<>();

    // guarded by the scheduler lock
    private final Map<String, Payout> unpaid = new HashMap<>();
    private final Map<String, Instant> nextAttempt = new HashMap<>();
    private final TreeMap<Instant, TreeSet<String>> attemptsDue = new TreeMap<>();

    /** @param gates asked in this order, before any {@link #addGateFirst added} later */
    public PayoutEngine(DataSource db, Scheduler scheduler, ZoneId zone, LocalTime payoutTime, LocalTime d0Time, List<PayoutGate> gates) {
        this.db = db;
        this.scheduler = scheduler;
        this.plan = new PayoutPlan(zone, payoutTime, d0Time);
        this.store = new PayoutStore(db);
        this.limits = new DailyLimits(store, zone, payoutTime);
        this.gates = new ArrayList<>(gates);
        this.offers = new PayoutOffer(this.gates, limits);
    }

    public PayoutStore store() { return store; }

    public DailyLimits limits() { return limits; }

    /** Adds an obstacle asked before the others. */
    public void addGateFirst(PayoutGate gate) {
        gates.addFirst(gate);
    }

    /**
     * {@code listener} is told of each payout as it becomes PAID, once its attempt is stored, on the
     * scheduler's thread under its lock: it must be quick and must not call back into settlement.
     */
    public void onPaid(Consumer<Payout> listener) {
        paidListeners.add(listener);
    }

    /** Takes up the unpaid payouts of an earlier run: each is offered at its stored next attempt, or now if that has passed. */
    public void resume(Instant now) {
        for (Map.Entry<Payout, Instant> e : store.unpaid().entrySet()) {
            unpaid.put(e.getKey().id(), e.getKey());
            if (e.getValue() != null) scheduleAttempt(e.getKey().id(), later(e.getValue(), now));
        }
    }

    /**
     * Plans and inserts the payouts of a business date's clearing in {@code c} (the clearing's own
     * transaction: the caller commits both, then {@link #schedule}s the payouts). One payout per merchant
     * and currency with a positive net; the merchant's first currency keeps the plain id.
     */
    public List<Payout> create(Connection c, LocalDate businessDate, List<ClearingRow> rows, SettlementCalendar calendar) throws SQLException {
        Map<String, String> primary = new HashMap<>();
        for (ClearingRow r : rows) primary.putIfAbsent(r.merchantId(), r.currency());   // rows are ordered by merchant, currency
        List<Payout> created = new ArrayList<>();
        for (ClearingRow r : rows) {
            if (r.net() <= 0) continue;
            PayoutPlan.Plan p = plan.plan(r.product(), businessDate, calendar);
            String id = Payout.idFor(businessDate, r.merchantId()) + (r.currency().equals(primary.get(r.merchantId())) ? "" : "-" + r.currency());
            created.add(new Payout(id, r.merchantId(), r.bank(), businessDate, r.product(), r.count(), r.salesAmount(), r.fee(),
                    r.refundAmount(), r.net(), r.currency(), p.promisedAt(), p.scheduledAt(), null, PayoutStatus.PENDING, 0, p.reasons(), List.of()));
        }
        store.insert(c, created);
        return created;
    }

    /** Schedules committed new payouts: each is offered at its scheduled time, or now if that has passed. */
    public void schedule(List<Payout> created, Instant now) {
        for (Payout p : created) {
            unpaid.put(p.id(), p);
            scheduleAttempt(p.id(), later(p.scheduledAt(), now));
        }
    }

    /** Offers every unpaid payout matching {@code which} again now, in id order; returns them as they are after. */
    public List<Payout> retryNow(Predicate<Payout> which, Instant now) {
        List<String> ids = unpaid.values().stream().filter(which).map(Payout::id).sorted().toList();
        return attempt(ids, now);
    }

    private void scheduleAttempt(String id, Instant at) {
        nextAttempt.put(id, at);
        TreeSet<String> ids = attemptsDue.get(at);
        if (ids == null) {
            ids = new TreeSet<>();
            attemptsDue.put(at, ids);
            scheduler.schedule(at, "payouts", this::attemptDue);
        }
        ids.add(id);
    }

    private void attemptDue(Instant due) {
        TreeSet<String> ids = attemptsDue.remove(due);
        if (ids == null) return;
        List<String> current = ids.stream().filter(id -> due.equals(nextAttempt.get(id)) && unpaid.containsKey(id)).toList();
        attempt(current, due);
    }

    /**
     * Offers the payouts to their banks at {@code at}, in the order given, and stores the outcome in one
     * transaction. What the batch credits counts against daily limits from the next payout in it on.
     */
    private List<Payout> attempt(List<String> ids, Instant at) {
        if (ids.isEmpty()) return List.of();
        List<Payout> changed = new ArrayList<>(ids.size());
        Map<String, Instant> next = new HashMap<>();
        Map<String, Payout> before = new HashMap<>();
        Map<DailyLimits.Day, Long> credits = new HashMap<>();
        for (String id : ids) {
            Payout p = unpaid.get(id);
            before.put(id, p);
            PayoutOffer.Offered o = offers.offer(p, at, credits);
            changed.add(o.payout());
            next.put(id, o.retryAt());
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            store.update(c, changed, next, before);
            c.commit();
        } catch (SQLException e) {
            throw new PayoutException("cannot store payout attempts at " + at + ": " + e.getMessage(), e);
        }
        limits.committed(credits);
        for (Payout p : changed) {
            nextAttempt.remove(p.id());
            if (p.paid()) {
                unpaid.remove(p.id());
                for (Consumer<Payout> l : paidListeners) l.accept(p);
            } else {
                unpaid.put(p.id(), p);
                Instant n = next.get(p.id());
                if (n != null) scheduleAttempt(p.id(), n);
            }
        }
        return changed;
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
