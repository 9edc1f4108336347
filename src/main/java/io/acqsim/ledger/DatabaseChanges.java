package io.acqsim.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.acqsim.ledger.LedgerChange.BatchClosed;
import io.acqsim.ledger.LedgerChange.Recorded;
import io.acqsim.ledger.LedgerChange.SignedOn;
import io.acqsim.ledger.LedgerChange.TerminalSeen;
import io.acqsim.message.MessageKind;

/**
 * Applies one group of changes to the shared database (PostgreSQL) inside the caller's transaction, in
 * order, deciding each against the rows as they stand under their locks — what {@link OpenState} decides
 * against memory on one host — so two nodes can never both void, or over-refund, one sale:
 * <ul>
 *   <li>a purchase (or declined void/refund) is inserted with {@code ON CONFLICT DO NOTHING}: a request
 *       identity or RRN another node (or an earlier write) stored already is refused by the unique
 *       constraints; consecutive inserts go as one statement; a refused identity is a {@link DuplicateRequest}
 *       carrying the stored row (a retransmission the other node recorded while this one was in flight);</li>
 *   <li>an approved void or refund locks its original ({@code SELECT ... FOR UPDATE}), checks it exactly
 *       as one host does ({@link OpenState#check}), inserts itself and only then changes the original;</li>
 *   <li>terminal state and batches are created with {@code ON CONFLICT DO NOTHING}, so concurrent sign-ons
 *       of one terminal at two nodes make one state row and one open batch.</li>
 * </ul>
 * A refused change writes nothing and its result is the exception the caller gets; the others of the
 * group go on. Nothing is committed here.
 */
final class DatabaseChanges {
    private static final String INSERT_TRANSACTIONS = "INSERT INTO transactions (rrn, kind, channel, profile, mti, processing_code, tid, "
            + "mid, stan, request_key, batch_no, amount, currency, entry_mode, pan_masked, response_code, auth_code, status, original_rrn, "
            + "refunded_amount, business_date, captured_at) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::bigint[], ?::date[], ?::timestamptz[]) ON CONFLICT DO NOTHING RETURNING rrn";
    private static final int COLUMNS = 22;

    private DatabaseChanges() {
    }

    /** Applies {@code changes}; each result is what the change returns (a batch number, or null) or the exception refusing it. */
    static List<Object> apply(Connection c, List<LedgerChange> changes) throws SQLException {
        Object[] results = new Object[changes.size()];
        List<Integer> inserts = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            LedgerChange change = changes.get(i);
            if (change instanceof Recorded r && !hasEffectOnOriginal(r.transaction())) {
                inserts.add(i);
                continue;
            }
            insert(c, changes, inserts, results);
            results[i] = switch (change) {
                case Recorded r -> voidOrRefund(c, r.transaction());
                case TerminalSeen t -> terminalSeen(c, t.tid(), t.mid(), t.at());
                case SignedOn s -> signedOn(c, s);
                case BatchClosed b -> batchClosed(c, b);
                default -> {
                    LedgerTables.applyOne(c, change);
                    yield null;
                }
            };
        }
        insert(c, changes, inserts, results);
        return java.util.Arrays.asList(results);
    }

    private static boolean hasEffectOnOriginal(TransactionRecord t) {
        return t.approved() && t.originalRrn() != null && (t.kind() == MessageKind.VOID || t.kind() == MessageKind.REFUND);
    }

    /** Inserts the transactions {@code at} names (then clears it) in one statement; each one the table already held is refused. */
    private static void insert(Connection c, List<LedgerChange> changes, List<Integer> at, Object[] results) throws SQLException {
        if (at.isEmpty()) return;
        List<TransactionRecord> rows = new ArrayList<>(at.size());
        for (int i : at) rows.add(((Recorded) changes.get(i)).transaction());
        Set<String> inserted = insertAll(c, rows);
        for (int k = 0; k < at.size(); k++) {
            TransactionRecord t = rows.get(k);
            results[at.get(k)] = inserted.contains(t.rrn()) ? null : alreadyHeld(c, t);
        }
        at.clear();
    }

    /** The RRNs of {@code rows} inserted; a row whose identity or RRN is taken is left out. */
    private static Set<String> insertAll(Connection c, List<TransactionRecord> rows) throws SQLException {
        String[][] cols = new String[COLUMNS][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            TransactionRecord t = rows.get(r);
            String[] v = {t.rrn(), t.kind().name(), t.channel().name(), t.profile(), t.mti(), t.processingCode(), t.tid(), t.mid(), t.stan(),
                t.requestKey(), Integer.toString(t.batchNumber()), Long.toString(t.amount()), t.currency(), t.entryMode(), t.panMasked(),
                t.responseCode().code(), t.authCode(), t.status().name(), t.originalRrn(), Long.toString(t.refundedAmount()),
                t.businessDate().toString(), t.capturedAt().toString()};
            for (int k = 0; k < COLUMNS; k++) cols[k][r] = v[k];
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_TRANSACTIONS)) {
            List<Array> arrays = new ArrayList<>(COLUMNS);
            for (int k = 0; k < COLUMNS; k++) {
                Array a = c.createArrayOf("text", cols[k]);
                arrays.add(a);
                ps.setArray(k + 1, a);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) inserted.add(rs.getString(1));
            }
            for (Array a : arrays) a.free();
        }
        return inserted;
    }

    /**
     * Why {@code t} was not inserted: its identity is stored ({@link DuplicateRequest} with the stored row, which the
     * conflicting insert waited for, so this statement sees it), or else its RRN is taken.
     */
    private static RuntimeException alreadyHeld(Connection c, TransactionRecord t) throws SQLException {
        Optional<TransactionRecord> stored = byRequest(c, t);
        if (stored.isPresent()) return new DuplicateRequest(stored.get());
        return new LedgerException("the ledger already holds RRN " + t.rrn() + " (TID " + t.tid() + " STAN " + t.stan() + ")", null);
    }

    private static Optional<TransactionRecord> byRequest(Connection c, TransactionRecord t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM transactions WHERE tid = ? AND stan = ? AND request_key = ?")) {
            ps.setString(1, t.tid());
            ps.setString(2, t.stan());
            ps.setString(3, t.requestKey());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(LedgerReads.read(rs)) : Optional.empty();
            }
        }
    }

    /** An approved void or refund: its original locked and checked, then it is inserted, then the original changed. */
    private static Object voidOrRefund(Connection c, TransactionRecord t) throws SQLException {
        TransactionRecord o = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM transactions WHERE rrn = ? FOR UPDATE")) {
            ps.setString(1, t.originalRrn());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) o = LedgerReads.read(rs);
            }
        }
        try {
            OpenState.check(t, o);
        } catch (OriginalChanged refused) {
            // a retransmission of a void or refund another node recorded meanwhile finds its own effect on the original
            Optional<TransactionRecord> stored = byRequest(c, t);
            return stored.isPresent() ? new DuplicateRequest(stored.get()) : refused;
        }
        if (insertAll(c, List.of(t)).isEmpty()) return alreadyHeld(c, t);
        if (t.kind() == MessageKind.VOID) {
            Sql.update(c, "UPDATE transactions SET status = 'VOIDED' WHERE rrn = ?", t.originalRrn());
        } else {
            Sql.update(c, "UPDATE transactions SET refunded_amount = refunded_amount + ? WHERE rrn = ?", t.amount(), t.originalRrn());
        }
        return null;
    }

    /** Creates the terminal's state and its first open batch unless present; returns its open batch. */
    private static Integer terminalSeen(Connection c, String tid, String mid, Instant at) throws SQLException {
        Sql.update(c, "INSERT INTO terminal_state (tid, mid, batch_no) VALUES (?, ?, 1) ON CONFLICT (tid) DO NOTHING", tid, mid);
        int open = openBatchNumber(c, "SELECT batch_no FROM terminal_state WHERE tid = ?", tid);
        openBatch(c, tid, open, at);
        return open;
    }

    private static Integer signedOn(Connection c, SignedOn s) throws SQLException {
        Sql.update(c, "INSERT INTO terminal_state (tid, mid, batch_no) VALUES (?, ?, 1) ON CONFLICT (tid) DO NOTHING", s.tid(), s.mid());
        int open = openBatchNumber(c, "UPDATE terminal_state SET signed_on = TRUE, last_sign_on = ? WHERE tid = ? RETURNING batch_no",
                Sql.utc(s.at()), s.tid());
        openBatch(c, s.tid(), open, s.at());
        return open;
    }

    private static Integer batchClosed(Connection c, BatchClosed b) throws SQLException {
        LedgerTables.closeBatchRows(c, b);
        openBatch(c, b.tid(), b.next(), b.at());
        return b.next();
    }

    private static int openBatchNumber(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("terminal state vanished while it was written", "P0002");
                return rs.getInt(1);
            }
        }
    }

    private static void openBatch(Connection c, String tid, int batch, Instant at) throws SQLException {
        Sql.update(c, "INSERT INTO batches (tid, batch_no, status, opened_at) VALUES (?, ?, 'OPEN', ?) ON CONFLICT DO NOTHING",
                tid, batch, Sql.utc(at));
    }
}
