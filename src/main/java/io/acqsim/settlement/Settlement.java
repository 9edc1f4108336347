package io.acqsim.settlement;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clearing.Clearing;
import io.acqsim.clearing.ClearingResult;
import io.acqsim.clearing.ClearingRow;
import io.acqsim.clock.BusinessDates;
import io.acqsim.clock.Scheduler;
import io.acqsim.config.Merchant;
import io.acqsim.config.SettlementSettings;
import io.acqsim.ledger.Ledger;
import io.acqsim.payout.CrashPoint;
import io.acqsim.payout.DailyLimits;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutEngine;
import io.acqsim.payout.PayoutGate;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.PayoutStore;
import io.acqsim.payout.SettlementBanks;

/**
 * The clearing → settlement → payout pipeline (PRODUCT.md §5), driven by the simulated clock: at every
 * cutover the business date that just closed is cleared ({@link Clearing}, idempotently) and its
 * payouts are created in the same database transaction; from then on the {@link PayoutEngine} offers
 * them to their banks. This class schedules the cutovers, keeps the calendar and the merchants table,
 * and is what the admin API, scenarios and the command line talk to.
 * <p>
 * All state changes run under the {@link Scheduler}'s lock (jobs, or {@link Scheduler#exclusive}), so
 * the pipeline is single-threaded by construction.
 */
public final class Settlement {
    private static final Logger LOG = LogManager.getLogger(Settlement.class);

    private final SettlementSettings settings;
    private final ZoneId zone;
    private final LocalTime cutover;
    private final Ledger ledger;
    private final Collection<Merchant> merchants;
    private final Scheduler scheduler;
    private final SettlementBanks banks;
    private final MerchantAccounts accounts;
    private final AtomicReference<SettlementCalendar> calendar;
    private final Clearing clearing;
    private final PayoutEngine payouts;
    private final MerchantTable merchantTable;
    private volatile CutoverBarrier barrier = CutoverBarrier.NONE;
    private long term;   // guarded by the scheduler lock: a cutover scheduled before the last start or stop is dropped

    public Settlement(SettlementSettings settings, ZoneId zone, LocalTime cutover, Ledger ledger, Collection<Merchant> merchants,
                      SettlementCalendar calendar, Scheduler scheduler, Path clearingDir, SettlementBanks banks, MerchantAccounts accounts) {
        this.settings = settings;
        this.zone = zone;
        this.cutover = cutover;
        this.ledger = ledger;
        this.merchants = List.copyOf(merchants);
        this.scheduler = scheduler;
        this.banks = banks;
        this.accounts = accounts;
        this.calendar = new AtomicReference<>(calendar);
        this.clearing = new Clearing(ledger, clearingDir);
        this.payouts = new PayoutEngine(ledger.dataSource(), scheduler, zone, settings.payoutTime(), settings.d0Time(), List.of(banks, accounts),
                banks.receipts());
        this.merchantTable = new MerchantTable(ledger.dataSource());
    }

    /**
     * Refreshes the merchants table, re-schedules unpaid payouts, clears closed business dates that were
     * never cleared (the host was down at their cutover), and schedules the next cutover.
     */
    public void start() {
        merchantTable.sync(merchants);
        call(() -> {
            term++;
            Instant now = scheduler.clock().instant();
            payouts.resume(now);
            for (LocalDate d : clearing.unclearedBefore(openBusinessDate(now))) clearNow(d, now);
            scheduleCutover(BusinessDates.closesAt(openBusinessDate(now), zone, cutover));
            return null;
        });
        scheduler.runDueNow();
    }

    /**
     * Stops the cutovers and payout attempts {@link #start} scheduled (a cluster node that lost the lead: another node
     * runs them now); reads and the API go on. {@link #start} takes them up again from the database.
     */
    public void stop() {
        call(() -> {
            term++;
            payouts.forget();
            return null;
        });
    }

    /** What clearing a business date waits for first (cluster mode: every live node past its cutover). */
    public void awaitBeforeClearing(CutoverBarrier b) {
        barrier = b;
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
            payouts.addGateFirst(gate);
            return null;
        });
    }

    /** Tells {@code listener} of each payout as it is paid (see {@link PayoutEngine#onPaid}). */
    public void onPaid(Consumer<Payout> listener) {
        payouts.onPaid(listener);
    }

    public ZoneId zone() { return zone; }

    public SettlementBanks banks() { return banks; }

    public MerchantAccounts accounts() { return accounts; }

    public DailyLimits dailyLimits() { return payouts.limits(); }

    public PayoutStore payouts() { return payouts.store(); }

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
            return payouts.retryNow(p -> p.merchantId().equals(merchantId) && p.status() == PayoutStatus.RETURNED, now);
        });
    }

    /** Offers every unpaid payout matching {@code which} again now (a fault lifted early). */
    public List<Payout> release(Predicate<Payout> which) {
        return call(() -> payouts.retryNow(which, scheduler.clock().instant()));
    }

    // ---- cutover -------------------------------------------------------------------------------

    private void scheduleCutover(Instant at) {
        long scheduledIn = term;
        scheduler.schedule(at, "cutover", due -> {
            if (scheduledIn == term) cutover(due);
        });
    }

    private void cutover(Instant due) throws SQLException {
        LocalDate closed = BusinessDates.of(due.minusNanos(1), zone, cutover);
        try {
            clearNow(closed, due);
        } finally {
            scheduleCutover(BusinessDates.closesAt(closed.plusDays(1), zone, cutover));
        }
    }

    /** Clears the date and creates its payouts in one transaction, then schedules them. Caller holds the scheduler lock. */
    private ClearingResult clearNow(LocalDate businessDate, Instant now) throws SQLException {
        barrier.awaitPast(businessDate);
        List<ClearingRow> rows;
        List<Payout> created;
        try (Connection c = ledger.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Optional<ClearingResult> before = clearing.previous(c, businessDate);
            if (before.isPresent()) {
                c.rollback();
                return before.get();
            }
            rows = clearing.record(c, businessDate, now);
            created = payouts.create(c, businessDate, rows, calendar.get());
            CrashPoint.at("clearing-recorded");
            c.commit();
        }
        ClearingResult result = clearing.publish(businessDate, rows, now, created.size());
        payouts.schedule(created, now);
        LOG.info("cleared business date {}: {} merchants, {} transactions, {} payouts; {}", businessDate, result.merchants(),
                result.transactions(), created.size(), result.file());
        return result;
    }

    private LocalDate openBusinessDate(Instant now) {
        return BusinessDates.of(now, zone, cutover);
    }

    private <T> T call(Callable<T> work) {
        try {
            return scheduler.exclusive(work);
        } catch (SettlementException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new SettlementException(e.getMessage(), e);
        }
    }
}
