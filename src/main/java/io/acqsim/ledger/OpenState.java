package io.acqsim.ledger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.acqsim.ledger.LedgerChange.BatchClosed;
import io.acqsim.ledger.LedgerChange.Reversed;
import io.acqsim.message.BatchTotals;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * What the hot path must know at once, kept in memory consistent with the journal: every transaction
 * a change not yet applied to the tables wrote or changed (by RRN and by request identity), and each
 * terminal's open batch with its status and totals. Anything else is read from the tables, which are
 * then current for it: a transaction is dropped from memory only once every change to it is applied,
 * and a terminal is loaded before the first change that touches it and kept.
 * <p>
 * Contract: every method that changes state runs under the caller's lock, in journal order, and makes
 * the same decision applying its change to the tables will ({@link LedgerTables}); lookups of
 * transactions need no lock.
 */
final class OpenState {
    /** A transaction some change not yet applied wrote or changed; {@code lastSeq} is that change's. */
    private static final class Held {
        volatile TransactionRecord record;
        long lastSeq;

        Held(TransactionRecord record, long lastSeq) {
            this.record = record;
            this.lastSeq = lastSeq;
        }
    }

    /** A terminal's open batch ({@code open} null: the terminal has no state row yet). */
    private static final class Terminal {
        Integer open;
        BatchStatus status;
        BatchTotals totals = BatchTotals.ZERO;
    }

    private final LedgerReads tables;
    private final ConcurrentHashMap<String, Held> byRrn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Held> byRequest = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Terminal> terminals = new ConcurrentHashMap<>();

    OpenState(LedgerReads tables) {
        this.tables = tables;
    }

    // ---- lookups (no lock) -------------------------------------------------------------------

    Optional<TransactionRecord> byRrn(String rrn) {
        Held h = byRrn.get(rrn);
        return h != null ? Optional.of(h.record) : tables.byRrn(rrn);
    }

    Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        Held h = byRequest.get(TransactionRecord.requestId(tid, stan, requestKey));
        return h != null ? Optional.of(h.record) : tables.byRequest(tid, stan, requestKey);
    }

    // ---- changes (under the caller's lock) ---------------------------------------------------

    /**
     * Takes a purchase, void or refund as change {@code seq}. An approved void needs its original
     * APPROVED and unrefunded, an approved refund needs it APPROVED with enough left; otherwise nothing
     * changes and {@link OriginalChanged} says why. A request identity or RRN already held is refused.
     */
    void record(TransactionRecord t, boolean identityMayExist, long seq) {
        String id = TransactionRecord.requestId(t.tid(), t.stan(), t.requestKey());
        if (byRequest.containsKey(id) || byRrn.containsKey(t.rrn())
                || identityMayExist && tables.byRequest(t.tid(), t.stan(), t.requestKey()).isPresent()) {
            throw new LedgerException("the ledger already holds TID " + t.tid() + " STAN " + t.stan() + " key " + t.requestKey()
                    + " or RRN " + t.rrn(), null);
        }
        Held original = null;
        if (t.approved() && t.originalRrn() != null && (t.kind() == MessageKind.VOID || t.kind() == MessageKind.REFUND)) {
            TransactionRecord o = current(t.originalRrn());
            check(t, o);
            original = hold(o, seq);
        }
        terminal(t.tid());
        Held h = new Held(t, seq);
        byRrn.put(t.rrn(), h);
        byRequest.put(id, h);
        counted(t, +1);
        if (original != null) {
            TransactionRecord o = original.record;
            change(original, t.kind() == MessageKind.VOID ? o.withStatus(TransactionStatus.VOIDED)
                    : o.withRefundedAmount(o.refundedAmount() + t.amount()), seq);
        }
    }

    /** Whether approved void or refund {@code t} may change its original {@code o} (null: unknown); throws {@link OriginalChanged} if not. */
    static void check(TransactionRecord t, TransactionRecord o) {
        if (o == null || !o.approved()) {
            throw new OriginalChanged(ResponseCode.INVALID_TRANSACTION, "original " + t.originalRrn() + " is no longer an approved sale");
        }
        if (t.kind() == MessageKind.VOID && o.refundedAmount() != 0) {
            throw new OriginalChanged(ResponseCode.INVALID_TRANSACTION, "original " + t.originalRrn() + " is no longer an approved, unrefunded sale");
        }
        if (t.kind() == MessageKind.REFUND && o.refundedAmount() + t.amount() > o.amount()) {
            throw new OriginalChanged(ResponseCode.INVALID_AMOUNT, "refund " + t.amount() + " exceeds what is left to refund, "
                    + (o.amount() - o.refundedAmount()));
        }
    }

    /** Takes a reversal as change {@code seq}: its transaction, if still APPROVED, is REVERSED and its effect on its own original undone. */
    void reverse(Reversed r, long seq) {
        terminal(r.tid());
        TransactionRecord t = r.reversedRrn() == null ? null : current(r.reversedRrn());
        if (t == null || !t.approved()) return;
        change(hold(t, seq), t.withStatus(TransactionStatus.REVERSED), seq);
        TransactionRecord o = t.originalRrn() == null ? null : current(t.originalRrn());
        if (o == null) return;
        if (t.kind() == MessageKind.VOID && o.status() == TransactionStatus.VOIDED) {
            change(hold(o, seq), o.withStatus(TransactionStatus.APPROVED), seq);
        } else if (t.kind() == MessageKind.REFUND) {
            change(hold(o, seq), o.withRefundedAmount(o.refundedAmount() - t.amount()), seq);
        }
    }

    /** The terminal's open batch, or null when it has no state yet. */
    Integer openBatch(String tid) {
        return terminal(tid).open;
    }

    /** Creates the terminal's state with batch 1 open; false when it had state already. */
    boolean create(String tid) {
        Terminal t = terminal(tid);
        if (t.open != null) return false;
        t.open = 1;
        t.status = BatchStatus.OPEN;
        t.totals = BatchTotals.ZERO;
        return true;
    }

    void startUpload(String tid, int batch) {
        Terminal t = terminal(tid);
        if (Integer.valueOf(batch).equals(t.open) && t.status == BatchStatus.OPEN) t.status = BatchStatus.UPLOADING;
    }

    void closeBatch(BatchClosed b) {
        Terminal t = terminal(b.tid());
        t.open = b.next();
        t.status = BatchStatus.OPEN;
        t.totals = BatchTotals.ZERO;
    }

    /** The status of a terminal's open batch; empty when {@code batch} is not its open one. */
    Optional<BatchStatus> openBatchStatus(String tid, int batch) {
        Terminal t = terminal(tid);
        return Integer.valueOf(batch).equals(t.open) ? Optional.of(t.status) : Optional.empty();
    }

    /** The totals of a terminal's open batch; empty when {@code batch} is not its open one. */
    Optional<BatchTotals> openBatchTotals(String tid, int batch) {
        Terminal t = terminal(tid);
        return Integer.valueOf(batch).equals(t.open) ? Optional.of(t.totals) : Optional.empty();
    }

    /** Forgets the transactions {@code change} touched whose every change up to {@code appliedSeq} is in the tables. */
    void applied(LedgerChange change, long appliedSeq) {
        switch (change) {
            case LedgerChange.Recorded r -> {
                TransactionRecord t = r.transaction();
                forget(t.rrn(), appliedSeq);
                if (t.originalRrn() != null) forget(t.originalRrn(), appliedSeq);
            }
            case Reversed r -> {
                if (r.reversedRrn() == null) return;
                Held h = byRrn.get(r.reversedRrn());
                if (h != null && h.record.originalRrn() != null) forget(h.record.originalRrn(), appliedSeq);
                forget(r.reversedRrn(), appliedSeq);
            }
            default -> { }
        }
    }

    /** Transactions held in memory now (for the benchmark notes and tests). */
    int held() {
        return byRrn.size();
    }

    private void forget(String rrn, long appliedSeq) {
        Held h = byRrn.get(rrn);
        if (h == null || h.lastSeq > appliedSeq) return;
        TransactionRecord t = h.record;
        byRrn.remove(rrn, h);
        byRequest.remove(TransactionRecord.requestId(t.tid(), t.stan(), t.requestKey()), h);
    }

    /** The transaction with this RRN as it stands: from memory, else from the tables (then current for it); null if unknown. */
    private TransactionRecord current(String rrn) {
        Held h = byRrn.get(rrn);
        return h != null ? h.record : tables.byRrn(rrn).orElse(null);
    }

    /** {@code t} (as {@link #current} gave it) held in memory, so change {@code seq} can change it. */
    private Held hold(TransactionRecord t, long seq) {
        Held h = byRrn.get(t.rrn());
        if (h != null) return h;
        terminal(t.tid());
        h = new Held(t, seq);
        byRrn.put(t.rrn(), h);
        byRequest.put(TransactionRecord.requestId(t.tid(), t.stan(), t.requestKey()), h);
        return h;
    }

    private void change(Held h, TransactionRecord next, long seq) {
        counted(h.record, -1);
        h.record = next;
        h.lastSeq = seq;
        counted(next, +1);
    }

    /** Adds or takes away {@code t} in its terminal's open batch totals, when it counts there. */
    private void counted(TransactionRecord t, int sign) {
        if (!t.approved() || (t.kind() != MessageKind.PURCHASE && t.kind() != MessageKind.REFUND)) return;
        Terminal term = terminal(t.tid());
        if (!Integer.valueOf(t.batchNumber()).equals(term.open)) return;
        BatchTotals b = term.totals;
        term.totals = t.kind() == MessageKind.PURCHASE
                ? new BatchTotals(b.salesCount() + sign, b.salesAmount() + sign * t.amount(), b.refundCount(), b.refundAmount())
                : new BatchTotals(b.salesCount(), b.salesAmount(), b.refundCount() + sign, b.refundAmount() + sign * t.amount());
    }

    /** The terminal, loaded from the tables on first sight; no change has touched it before, so they are current. */
    private Terminal terminal(String tid) {
        Terminal t = terminals.get(tid);
        if (t != null) return t;
        t = new Terminal();
        Optional<Integer> open = tables.openBatch(tid);
        if (open.isPresent()) {
            t.open = open.get();
            String status = tables.batchStatus(tid, t.open);
            t.status = status == null ? BatchStatus.OPEN : BatchStatus.valueOf(status);
            t.totals = tables.batchTotals(tid, t.open);
        }
        terminals.put(tid, t);
        return t;
    }
}
