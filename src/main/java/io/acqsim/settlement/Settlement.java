package io.acqsim.settlement;

import io.acqsim.config.SettlementSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clock.BusinessDates;
import io.acqsim.clock.Scheduler;
import io.acqsim.config.Merchant;

/**
 * The clearing → settlement → payout pipeline (PRODUCT.md §5), driven by the simulated clock.
 * <ul>
 * <li>At every cutover the business date that just closed is cleared (idempotently) and its payouts
 *     are planned: promised and scheduled times, with calendar reasons for the difference.</li>
 * <li>At its scheduled time each payout is offered to its bank through the {@link PayoutGate}s; an
 *     obstacle leaves it QUEUED, HELD or RETURNED with an open delay reason and a retry time (or none,
 *     until released); otherwise it is PAID and its reasons are closed at the payment.</li>
 * <li>A merchant's account under a {@link DailyLimits daily limit} takes what still fits that day: the
 *     payout is paid in parts, HELD with a DAILY_LIMIT reason until the last part, the rest offered
 *     again the next day. Payouts of one merchant due together are served in id order (older
 *     business date first).</li>
 * <li>Payouts due at one instant are offered together and stored in one database transaction.</li>
 * </ul>
 * All state changes run under the {@link Scheduler}'s lock (jobs, or {@link Scheduler#exclusive}), so
 * the engine is single-threaded by construction.
 */
public final class Settlement {
    private static final Logger LOG = LogManager.getLogger(Settlement.class);

    private final SettlementSettings settings;
    private final ZoneId zone;
    private final LocalTime cutover;
    private final DataSource db;
    private final Collection<Merchant> merchants;
    private final Scheduler scheduler;
    private final Path clearingDir;
    private final SettlementBanks banks;
    private final MerchantAccounts accounts;
    private final DailyLimits limits;
    private final List<PayoutGate> gates = new ArrayList<>();
    private final AtomicReference<SettlementCalendar> calendar;
    private final PayoutPlan plan;
    private final ClearingStore clearing;
    private final PayoutStore payouts;
    private final MerchantTable merchantTable;

    // guarded by the scheduler lock
    private final Map<String, Payout> unpaid = new HashMap<>();
    private final Map<String, Instant> nextAttempt = new HashMap<>();
    private final TreeMap<Instant, TreeSet<String>> attemptsDue = new TreeMap<>();

    public Settlement(SettlementSettings settings, ZoneId zone, LocalTime cutover, DataSource db, Collection<Merchant> merchants,
                      SettlementCalendar calendar, Scheduler scheduler, Path clearingDir, SettlementBanks banks, MerchantAccounts accounts) {
        this.settings = settings;
        this.zone = zone;
        this.cutover = cutover;
        this.db = db;
        this.merchants = List.copyOf(merchants);
        this.scheduler = scheduler;
        this.clearingDir = clearingDir;
        this.banks = banks;
        this.accounts = accounts;
        this.calendar = new AtomicReference<>(calendar);
        this.plan = new PayoutPlan(zone, settings.payoutTime(), settings.d0Time());
        this.clearing = new ClearingStore(db);
        this.payouts = new PayoutStore(db);
        this.merchantTable = new MerchantTable(db);
        this.limits = new DailyLimits(payouts, zone, settings.payoutTime());
        gates.add(banks);
        gates.add(accounts);
    }

    /**
     * Refreshes the merchants table, re-schedules unpaid payouts, clears closed business dates that were
     * never cleared (the host was down at their cutover), and schedules the next cutover.
     */
    public void start() {
        merchantTable.sync(merchants);
        call(() -> {
            Instant now = scheduler.clock().instant();
            for (Map.Entry<Payout, Instant> e : payouts.unpaid().entrySet()) {
                unpaid.put(e.getKey().id(), e.getKey());
                if (e.getValue() != null) scheduleAttempt(e.getKey().id(), later(e.getValue(), now));
            }
            for (LocalDate d : clearing.unclearedBefore(openBusinessDate(now))) clearNow(d, now);
            scheduleCutover(BusinessDates.closesAt(openBusinessDate(now), zone, cutover));
            return null;
        });
        scheduler.runDueNow();
    }

    public SettlementSettings settings() { return settings; }

    public SettlementCalendar calendar() { return calendar.get(); }

    /** Replaces the calendar (e.g. a holiday freeze added); payouts planned already keep their plan. */
    public void updateCalendar(UnaryOperator<SettlementCalendar> change) {
        calendar.updateAndGet(change);
    }

    /** Adds an obstacle asked before the built-in ones (bank, account); scenarios use it for their holds. */
    public void addGate(PayoutGate gate) {
        call(() -> {
            gates.addFirst(gate);
            return null;
        });
    }

    public ZoneId zone() { return zone; }

    public SettlementBanks banks() { return banks; }

    public MerchantAccounts accounts() { return accounts; }

    public DailyLimits dailyLimits() { return limits; }

    public PayoutStore payouts() { return payouts; }

    /** The stored clearing of a business date (empty if not cleared or nothing to clear). */
    public List<ClearingRow> clearing(LocalDate businessDate) {
        return clearing.stored(businessDate);
    }

    /**
     * Clears one closed business date now; a date cleared before is left as it is.
     *
     * @throws BusinessDateOpen if the date has not reached its cutover
     */
    public ClearingResult clear(LocalDate businessDate) {
        return call(() -> {
            Instant now = scheduler.clock().instant();
            if (!businessDate.isBefore(openBusinessDate(now))) {
                throw new BusinessDateOpen(businessDate, BusinessDates.closesAt(businessDate, zone, cutover));
            }
            return clearNow(businessDate, now);
        });
    }

    /** Clears every closed business date that holds transactions and was never cleared. */
    public List<ClearingResult> clearAllClosed() {
        return call(() -> {
            Instant now = scheduler.clock().instant();
            List<ClearingResult> out = new ArrayList<>();
            for (LocalDate d : clearing.unclearedBefore(openBusinessDate(now))) out.add(clearNow(d, now));
            return out;
        });
    }

    /**
     * A merchant's account number was corrected: payouts the bank returned for it are sent again now.
     *
     * @return the payouts re-sent (paid, or blocked by something else)
     * @throws UnknownMerchant if the registry does not know the merchant
     */
    public List<Payout> correctAccount(String merchantId, String account) {
        return call(() -> {
            Instant now = scheduler.clock().instant();
            if (!merchantTable.correct(merchantId, account, now)) throw new UnknownMerchant(merchantId);
            accounts.corrected(merchantId);
            return retryNow(p -> p.merchantId().equals(merchantId) && p.status() == PayoutStatus.RETURNED, now);
        });
    }

    /** Offers every unpaid payout matching {@code which} again now (a fault lifted early). */
    public List<Payout> release(Predicate<Payout> which) {
        return call(() -> retryNow(which, scheduler.clock().instant()));
    }

    // ---- jobs ------------------------------------------------------------------------------------

    private void scheduleCutover(Instant at) {
        scheduler.schedule(at, "cutover", this::cutover);
    }

    private void cutover(Instant due) throws SQLException {
        LocalDate closed = BusinessDates.of(due.minusNanos(1), zone, cutover);
        try {
            clearNow(closed, due);
        } finally {
            scheduleCutover(BusinessDates.closesAt(closed.plusDays(1), zone, cutover));
        }
    }

    /** Caller holds the scheduler lock. */
    private ClearingResult clearNow(LocalDate businessDate, Instant now) throws SQLException {
        Path file = ClearingFile.path(clearingDir, businessDate);
        List<Payout> created = new ArrayList<>();
        List<ClearingRow> rows;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Optional<Instant> before = clearing.clearedAt(c, businessDate);
            if (before.isPresent()) {
                c.rollback();
                rows = clearing.stored(businessDate);
                if (!java.nio.file.Files.exists(file)) ClearingFile.write(clearingDir, businessDate, rows);
                return new ClearingResult(businessDate, before.get(), merchantCount(rows), txCount(rows), 0, true, file);
            }
            rows = clearing.aggregate(c, businessDate);
            clearing.insert(c, businessDate, rows, now);
            SettlementCalendar cal = calendar.get();
            Map<String, String> primary = primaryCurrencies(rows);
            for (ClearingRow r : rows) {
                if (r.net() <= 0) continue;
                PayoutPlan.Plan p = plan.plan(r.product(), businessDate, cal);
                String id = Payout.idFor(businessDate, r.merchantId()) + (r.currency().equals(primary.get(r.merchantId())) ? "" : "-" + r.currency());
                created.add(new Payout(id, r.merchantId(), r.bank(), businessDate, r.product(), r.count(), r.salesAmount(), r.fee(),
                        r.refundAmount(), r.net(), r.currency(), p.promisedAt(), p.scheduledAt(), null, PayoutStatus.PENDING, 0, p.reasons(), List.of()));
            }
            payouts.insert(c, created);
            c.commit();
        }
        ClearingFile.write(clearingDir, businessDate, rows);
        for (Payout p : created) {
            unpaid.put(p.id(), p);
            scheduleAttempt(p.id(), later(p.scheduledAt(), now));
        }
        LOG.info("cleared business date {}: {} merchants, {} transactions, {} payouts; {}", businessDate, merchantCount(rows),
                txCount(rows), created.size(), file);
        return new ClearingResult(businessDate, now, merchantCount(rows), txCount(rows), created.size(), false, file);
    }

    /** Per merchant, the first currency it cleared in (rows are ordered): that payout keeps the plain id. */
    private static Map<String, String> primaryCurrencies(List<ClearingRow> rows) {
        Map<String, String> out = new HashMap<>();
        for (ClearingRow r : rows) out.putIfAbsent(r.merchantId(), r.currency());
        return out;
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

    private List<Payout> retryNow(Predicate<Payout> which, Instant now) {
        List<String> ids = unpaid.values().stream().filter(which).map(Payout::id).sorted().toList();
        return attempt(ids, now);
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
            Offered o = offer(p, at, credits);
            changed.add(o.payout());
            next.put(id, o.retryAt());
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            payouts.update(c, changed, next, before);
            c.commit();
        } catch (SQLException e) {
            throw new SettlementException("cannot store payout attempts at " + at + ": " + e.getMessage(), e);
        }
        limits.committed(credits);
        for (Payout p : changed) {
            nextAttempt.remove(p.id());
            if (p.paid()) {
                unpaid.remove(p.id());
            } else {
                unpaid.put(p.id(), p);
                Instant n = next.get(p.id());
                if (n != null) scheduleAttempt(p.id(), n);
            }
        }
        return changed;
    }

    /** The payout after an offer, and when to offer it again (null: paid, or waiting for a release). */
    private record Offered(Payout payout, Instant retryAt) {
    }

    /**
     * One offer of one payout: the first gate's obstacle, or payment of what the merchant's daily limit
     * lets through. Delay reasons stay end to end. {@code credits} holds what the batch credited so far
     * (not yet committed) and gets what this offer credits.
     */
    private Offered offer(Payout p, Instant at, Map<DailyLimits.Day, Long> credits) {
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
        for (PayoutGate g : gates) {
            obstacle = g.check(p, at);
            if (obstacle.isPresent()) break;
        }
        int attempts = p.attempts() + 1;
        if (obstacle.isEmpty()) return credit(p, at, attempts, reasons, credits);
        Obstacle o = obstacle.get();
        if (open == null || !open.sameCause(o.code(), o.detail(), o.faultId())) {
            if (open != null) reasons.set(reasons.size() - 1, open.closedAt(at));
            reasons.add(new DelayReason(o.code(), at, null, o.detail(), o.faultId()));
        }
        Instant retry = o.until() == null ? null : later(o.until(), at.plusSeconds(1));
        return new Offered(p.with(o.status(), null, attempts, reasons), retry);
    }

    /**
     * Pays what is left of the payout, or under a daily limit what still fits today: a part, the rest
     * HELD (DAILY_LIMIT, one interval however many days it rolls over) until the next day. A payout split
     * once records every part, the last one too.
     */
    private Offered credit(Payout p, Instant at, int attempts, List<DelayReason> reasons, Map<DailyLimits.Day, Long> credits) {
        DelayReason open = p.openReason();
        long left = p.net() - p.paidSoFar();
        DailyLimits.Limit limit = limits.limitAt(p.merchantId(), at);
        DailyLimits.Day day = limits.day(p, at);
        long fits = limit == null ? left : Math.max(0, limit.amount() - limits.credited(day) - credits.getOrDefault(day, 0L));
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
        String detail = DailyLimits.detail(limit, p, p.paidSoFar() + fits);
        if (open != null && open.code() == ReasonCode.DAILY_LIMIT && java.util.Objects.equals(limit.faultId(), open.faultId())) {
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

    // ---- helpers ---------------------------------------------------------------------------------

    private LocalDate openBusinessDate(Instant now) {
        return BusinessDates.of(now, zone, cutover);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static int merchantCount(List<ClearingRow> rows) {
        return (int) rows.stream().map(ClearingRow::merchantId).distinct().count();
    }

    private static long txCount(List<ClearingRow> rows) {
        return rows.stream().mapToLong(ClearingRow::count).sum();
    }

    private <T> T call(java.util.concurrent.Callable<T> work) {
        try {
            return scheduler.exclusive(work);
        } catch (SettlementException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new SettlementException(e.getMessage(), e);
        }
    }
}
