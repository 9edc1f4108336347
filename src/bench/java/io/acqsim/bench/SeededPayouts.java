package io.acqsim.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.clock.BusinessDates;
import io.acqsim.config.HostConfig;
import io.acqsim.config.Merchant;
import io.acqsim.fault.Fault;
import io.acqsim.fault.Window;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.SettlementBanks;

/**
 * A ledger of about {@code merchants × days} payouts for the issue-13 benchmarks, made on the shipped
 * configuration in a data directory: generated merchants sell on consecutive business dates from Monday
 * 2026-08-03 (across Mid-Autumn and National Day), the transactions bulk-inserted as {@link SettlementBench}
 * does, and the manual clock advanced through every cutover, clearing and payout with a PSBC outage, a
 * merchant's frozen account and a one-day holiday freeze on top. Setup for a benchmark, not timed by it.
 *
 * @param stand  the ledger, scheduler and settlement, open
 * @param faults the three faults, as a host lists them (for the timeline's bands)
 * @param end    the clock after the last payout run
 * @param count  payouts in the ledger
 */
record SeededPayouts(SettlementBench.Stand stand, List<Fault> faults, Instant end, int count) implements AutoCloseable {
    static final LocalDate FIRST = LocalDate.of(2026, 8, 3);

    /** Seeds the ledger of {@code cfg} in data directory {@code dir} and reports what it made on standard output. */
    static SeededPayouts seed(HostConfig cfg, Path dir, int merchants, int days, int transactions, long seed) throws SQLException {
        ZoneId zone = cfg.zone();
        List<Merchant> ms = SettlementBench.generatedMerchants(merchants, cfg);
        List<LocalDate> dates = Stream.iterate(FIRST, d -> d.plusDays(1)).limit(days).toList();
        LocalDate last = dates.getLast();
        SyntheticTransactions txns = new SyntheticTransactions(ms, dates, transactions, zone, cfg.cutover(), seed);
        Instant start = BusinessDates.closesAt(FIRST.minusDays(1), zone, cfg.cutover());
        Instant end = last.plusDays(1).atTime(18, 0).atZone(zone).toInstant();
        SettlementBench.Stand s = new SettlementBench.Stand(cfg, dir, ms, start);
        try {
            long t0 = System.nanoTime();
            List<Fault> faults = faults(s, ms, zone);
            txns.insert(s.ledger.dataSource(), 5_000, true);
            s.settlement.start();
            s.scheduler.advanceTo(end);
            int count = s.settlement.payouts().list(PayoutQuery.ALL, end).size();
            System.out.printf(Locale.ROOT, "setup (not timed): %,d transactions, %d merchants x %d business dates %s..%s, clock to %s: %.1f s; "
                    + "%,d payouts in the ledger, %s%n", transactions, merchants, days, FIRST, last, OffsetDateTime.ofInstant(end, zone),
                    (System.nanoTime() - t0) / 1e9, count, s.settlement.payouts().countByStatus());
            if (count < merchants * days * 99 / 100) throw new IllegalStateException("expected about " + merchants * days + " payouts, got " + count);
            return new SeededPayouts(s, faults, end, count);
        } catch (RuntimeException | SQLException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        stand.close();
    }

    /** A PSBC outage, merchant 3's frozen account and a one-day holiday freeze, switched on as FaultActivator does. */
    private static List<Fault> faults(SettlementBench.Stand s, List<Merchant> ms, ZoneId zone) {
        Instant outFrom = LocalDate.of(2026, 10, 8).atTime(8, 0).atZone(zone).toInstant();
        Instant outTo = LocalDate.of(2026, 10, 8).atTime(15, 30).atZone(zone).toInstant();
        s.settlement.banks().addOutage(new SettlementBanks.Outage("PSBC", outFrom, outTo, "PSBC core system upgrade", "F-1"));
        String frozen = ms.get(2).id();
        Instant frFrom = LocalDate.of(2026, 9, 7).atStartOfDay(zone).toInstant();
        Instant frTo = LocalDate.of(2026, 9, 14).atStartOfDay(zone).toInstant();
        s.settlement.accounts().freeze(new MerchantAccounts.Freeze(frozen, frFrom, frTo, "account frozen", "F-2"));
        LocalDate fz = LocalDate.of(2026, 9, 30);
        s.settlement.updateCalendar(c -> c.withFreeze(new HolidayFreeze("F-3", "pre-holiday freeze", fz, fz)));
        return List.of(
                new Fault("F-1", "bank-outage", new Window(outFrom, outTo), Map.of("bank", "PSBC", "detail", "core system upgrade"), "bench"),
                new Fault("F-2", "account-frozen", new Window(frFrom, frTo), Map.of("merchant", frozen), "bench"),
                new Fault("F-3", "holiday-freeze", new Window(fz.atStartOfDay(zone).toInstant(), fz.plusDays(1).atStartOfDay(zone).toInstant()),
                        Map.of("name", "pre-holiday freeze"), "bench"));
    }
}
