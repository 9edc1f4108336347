package io.acqsim.clearing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.MerchantDayTotals;

/**
 * Clearing of business dates (PRODUCT.md §5): per merchant and currency, the approved sales and refunds
 * the ledger holds for the date, less the merchant's fees — stored once ({@code clearing_runs},
 * {@code clearing}) and written as the date's {@link ClearingFile}. A date is cleared once; clearing it
 * again gives what was stored. The caller serialises clearing and owns the database transaction, so
 * what depends on a clearing (its payouts) commits with it.
 */
public final class Clearing {
    private final Ledger ledger;
    private final ClearingStore store;
    private final Path dir;

    /** @param dir where the clearing files go (DATA/clearing) */
    public Clearing(Ledger ledger, Path dir) {
        this.ledger = ledger;
        this.store = new ClearingStore(ledger.dataSource());
        this.dir = dir;
    }

    /**
     * What an earlier clearing of the date gave, if it was cleared; its file is written again if it went
     * missing. {@code c} is the caller's transaction.
     */
    public Optional<ClearingResult> previous(Connection c, LocalDate businessDate) throws SQLException {
        Optional<Instant> before = store.clearedAt(c, businessDate);
        if (before.isEmpty()) return Optional.empty();
        List<ClearingRow> rows = store.stored(businessDate);
        Path file = ClearingFile.path(dir, businessDate);
        if (!Files.exists(file)) ClearingFile.write(dir, businessDate, rows);
        return Optional.of(new ClearingResult(businessDate, before.get(), merchantCount(rows), transactionCount(rows), 0, true, file));
    }

    /** Adds up the date's transactions and stores the run at {@code at} in {@code c}; the caller commits, then {@link #publish}es. */
    public List<ClearingRow> record(Connection c, LocalDate businessDate, Instant at) throws SQLException {
        List<ClearingRow> rows = ledger.merchantTotals(businessDate).stream().map(t -> row(businessDate, t)).toList();
        store.insert(c, businessDate, rows, at);
        return rows;
    }

    /** Writes the clearing file of a committed run; the result says what it held. */
    public ClearingResult publish(LocalDate businessDate, List<ClearingRow> rows, Instant clearedAt, int payouts) {
        Path file = ClearingFile.write(dir, businessDate, rows);
        return new ClearingResult(businessDate, clearedAt, merchantCount(rows), transactionCount(rows), payouts, false, file);
    }

    /** The stored clearing of a business date (empty if not cleared or nothing to clear). */
    public List<ClearingRow> stored(LocalDate businessDate) {
        return store.stored(businessDate);
    }

    /** Business dates before {@code before} that hold transactions and were never cleared, oldest first. */
    public List<LocalDate> unclearedBefore(LocalDate before) {
        Set<LocalDate> cleared = store.clearedDates();
        return ledger.businessDatesBefore(before).stream().filter(d -> !cleared.contains(d)).toList();
    }

    private static ClearingRow row(LocalDate businessDate, MerchantDayTotals t) {
        return new ClearingRow(businessDate, t.merchantId(), t.currency(), t.bank(), t.product(), t.salesCount(), t.salesAmount(),
                t.refundCount(), t.refundAmount(), t.cardFee(), t.qrFee());
    }

    private static int merchantCount(List<ClearingRow> rows) {
        return (int) rows.stream().map(ClearingRow::merchantId).distinct().count();
    }

    private static long transactionCount(List<ClearingRow> rows) {
        return rows.stream().mapToLong(ClearingRow::count).sum();
    }
}
