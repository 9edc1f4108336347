package io.acqsim.ledger;

import java.time.Instant;
import java.util.List;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * One change to the ledger as the journal holds it, decided on the hot path and applied later to the
 * database in journal order. Applying the same changes in the same order to the same tables gives the
 * same state the in-memory view ({@link OpenState}) computed when it decided them.
 */
sealed interface LedgerChange {

    /** A purchase, void or refund; an approved void voids its original, an approved refund adds to its refunded amount. */
    record Recorded(TransactionRecord transaction) implements LedgerChange {
    }

    /**
     * A reversal; when {@code reversedRrn} names a transaction still APPROVED at apply time it becomes
     * REVERSED and what it did to its own original is undone.
     */
    record Reversed(String tid, String stan, String mti, String originalKey, long amount, ReversalEffect effect, String responseCode,
                    Instant receivedAt, String reversedRrn) implements LedgerChange {
        /** The change a reversal makes, as both captures record it. */
        static Reversed of(Reversal r) {
            return new Reversed(r.tid(), r.stan(), r.mti(), r.originalKey(), r.amount(), r.effect(), r.responseCode().code(), r.receivedAt(),
                    r.reversed() == null ? null : r.reversed().rrn());
        }
    }

    /** A terminal's state and first open batch, created when absent. */
    record TerminalSeen(String tid, String mid, Instant at) implements LedgerChange {
    }

    record SignedOn(String tid, String mid, Instant at) implements LedgerChange {
    }

    record SignedOff(String tid) implements LedgerChange {
    }

    record UploadStarted(String tid, int batch) implements LedgerChange {
    }

    record Uploaded(String tid, int batch, List<UploadRow> rows, Instant at) implements LedgerChange {
    }

    /** A batch closed with both views of its totals ({@code terminal} null: the host's), and the next one opened. */
    record BatchClosed(String tid, int batch, int next, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at)
            implements LedgerChange {
    }
}
