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

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

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
 * <li>Payouts due at one instant are offered together and stored in one database transaction, after the
 *     banks recorded their credits durably ({@link BankReceipts}); a payout whose credit the bank already
 *     holds (the host stopped between the two) is recorded as paid when the bank paid it.</li>
 * </ul>
 * Every method but {@link #store()}, {@link #limits()} and the constructor must be called under the
 * {@link Scheduler}'s lock (its jobs run under it), so the engine is single-threaded by construction.
 */
public final class PayoutEngine {
    private static final Logger LOG = LogManager.getLogger(PayoutEngine.class);
    private final DataSource db;
    private final Scheduler scheduler;
    private final PayoutPlan plan;
    private final PayoutStore store;
    private final DailyLimits limits;
    private final List<PayoutGate> gates;
    private final PayoutOffer offers;
    private final List<Consumer<Payout>> paidListeners = new CopyOnWriteArrayList<>();
    private final BankReceipts receipts;

    // guarded by the scheduler lock
    private final Map<String, Payout> unpaid = new HashMap<>();
    private final Map<String, Instant> nextAttempt = new HashMap<>();
    private final TreeMap<Instant, TreeSet<String>> attemptsDue = new TreeMap<>();

    /**
     * @param gates    asked in this order, before any {@link #addGateFirst added} later
     * @param receipts the banks' record of credits: each credit is made there, durably, before the ledger
     *                 records it, and a credit found there is recorded, not made again
     */
    public PayoutEngine(DataSource db, Scheduler scheduler, ZoneId zone, LocalTime payoutTime, LocalTime d0Time, List<PayoutGate> gates,
                        BankReceipts receipts) {
        this.db = db;
        this.receipts = receipts;
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
     * Drops every attempt scheduled and the unpaid payouts held in memory (settlement stopped on this host: another
     * host offers them now); attempt jobs already queued find nothing to do. {@link #resume} reads them again.
     */
    public void forget() {
        unpaid.clear();
        nextAttempt.clear();
        attemptsDue.clear();
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
        List<BankReceipts.Receipt> sent = new ArrayList<>();
        for (String id : ids) {
            Payout p = unpaid.get(id);
            before.put(id, p);
            String creditId = creditId(p);
            BankReceipts.Receipt known = receipts.find(creditId).orElse(null);
            PayoutOffer.Offered o = known != null ? offers.recognise(p, known, credits) : offers.offer(p, at, credits);
            if (known != null) {
                receipts.recognised();
                LOG.warn("payout {}: the bank credited {} ({} minor units) at {} before the host stopped; recorded, not paid again",
                        id, creditId, known.amount(), known.at());
            } else {
                long credited = credited(o.payout()) - credited(p);
                if (credited > 0) sent.add(new BankReceipts.Receipt(creditId, p.id(), p.bank(), p.merchantId(), credited, p.currency(), at));
            }
            changed.add(o.payout());
            next.put(id, o.retryAt());
        }
        CrashPoint.at("payout-offered");
        receipts.credit(sent);   // durable at the bank before the ledger records the payment
        CrashPoint.at("payout-credited");
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

    /** The id of the payout's next credit at the bank: the payout's id, then {@code ID/2}, {@code ID/3} for the later parts of a split payout. */
    static String creditId(Payout p) {
        return p.parts().isEmpty() ? p.id() : p.id() + "/" + (p.parts().size() + 1);
    }

    /** What the bank has credited of {@code p}. */
    private static long credited(Payout p) {
        return p.paid() ? p.net() : p.paidSoFar();
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
