package io.acqsim.payout;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the emulated settlement banks credited: one receipt per credit, keyed by its credit id (the payout
 * id; for the second and later part of a payout split by a daily limit, {@code PAYOUT-ID/N}). A credit
 * id is credited at most once, whatever is sent again: after a crash between the bank's credit and the
 * ledger's "PAID", the {@link PayoutEngine} finds the receipt and records the payment the bank made then,
 * instead of paying twice.
 * <p>
 * One host keeps them in a file under its data directory ({@link #open}); a cluster keeps them in the shared
 * database ({@link DatabaseReceipts}), where the bank also refuses credits from a leader that was replaced.
 */
public interface BankReceipts extends AutoCloseable {
    /** One credit to a merchant's account. */
    record Receipt(String creditId, String payoutId, String bank, String merchantId, long amount, String currency, Instant at) {
    }

    /** Receipts kept in memory only, lost with the process (tests and benchmarks that never restart). */
    static BankReceipts inMemory() {
        return ReceiptLog.inMemory();
    }

    /** The durable log at {@code path}, created with its directory if missing. */
    static BankReceipts open(Path path) {
        return ReceiptLog.open(path);
    }

    /** The receipt of {@code creditId}, if the bank credited it. */
    Optional<Receipt> find(String creditId);

    /**
     * Credits each receipt whose credit id the bank has not credited yet, durably; the others are left as they were.
     * Returns what was credited now.
     *
     * @throws StaleLeader if the bank has seen a later leader than the one sending (cluster mode): nothing is credited
     */
    List<Receipt> credit(List<Receipt> receipts);

    /** Counts a credit sent again and recognised by its receipt (for the log and tests). */
    void recognised();

    /** Credits sent again and recognised since these receipts were opened. */
    int recognisedCount();

    /** Every receipt, in the order credited. */
    List<Receipt> all();

    @Override
    void close();
}
