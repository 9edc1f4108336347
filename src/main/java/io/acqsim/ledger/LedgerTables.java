package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.ledger.LedgerChange.BatchClosed;
import io.acqsim.ledger.LedgerChange.Recorded;
import io.acqsim.ledger.LedgerChange.Reversed;
import io.acqsim.ledger.LedgerChange.SignedOff;
import io.acqsim.ledger.LedgerChange.SignedOn;
import io.acqsim.ledger.LedgerChange.TerminalSeen;
import io.acqsim.ledger.LedgerChange.UploadStarted;
import io.acqsim.ledger.LedgerChange.Uploaded;
import io.acqsim.message.BatchTotals;
import io.acqsim.message.MessageKind;
import io.acqsim.message.UploadRow;

/**
 * Applies journalled changes to the ledger's tables, in journal order, inside the caller's database
 * transaction, and records in {@code ledger_journal} how far the journal is applied — in the same
 * transaction, so a change is applied exactly once however often the process dies and replays.
 * Inserts of consecutive transactions go as one JDBC batch.
 */
final class LedgerTables {
    private static final Logger LOG = LogManager.getLogger(LedgerTables.class);
    private static final String INSERT_TRANSACTION = "INSERT INTO transactions (rrn, kind, channel, profile, mti, processing_code, tid, "
            + "mid, stan, request_key, batch_no, amount, currency, entry_mode, pan_masked, response_code, auth_code, status, original_rrn, "
            + "refunded_amount, business_date, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private LedgerTables() {
    }

    /** How far the journal is applied to these tables; 0 for a new ledger. */
    static long appliedSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT applied_seq FROM ledger_journal WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Applies {@code changes}, the journal's entries up to {@code throughSeq}, without committing. */
    static void apply(Connection c, List<LedgerChange> changes, long throughSeq) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_TRANSACTION)) {
            int pending = 0;
            for (LedgerChange change : changes) {
                if (change instanceof Recorded r) {
                    bind(insert, r.transaction());
                    insert.addBatch();
                    pending++;
                    if (!hasEffectOnOriginal(r.transaction())) continue;
                }
                if (pending > 0) {
                    insert.executeBatch();
                    pending = 0;
                }
                applyOne(c, change);
            }
            if (pending > 0) insert.executeBatch();
        }
        Sql.update(c, "UPDATE ledger_journal SET applied_seq = ? WHERE id = 1", throughSeq);
    }

    private static boolean hasEffectOnOriginal(TransactionRecord t) {
        return t.approved() && t.originalRrn() != null && (t.kind() == MessageKind.VOID || t.kind() == MessageKind.REFUND);
    }

    /** Applies one change other than a batch of inserts; cluster mode's group commit uses it for reversals, sign-offs and uploads. */
    static void applyOne(Connection c, LedgerChange change) throws SQLException {
        switch (change) {
            case Recorded r -> originalEffect(c, r.transaction());
            case Reversed r -> reversed(c, r);
            case TerminalSeen t -> terminalSeen(c, t.tid(), t.mid(), t.at());
            case SignedOn s -> {
                terminalSeen(c, s.tid(), s.mid(), s.at());
                Sql.update(c, "UPDATE terminal_state SET signed_on = TRUE, last_sign_on = ? WHERE tid = ?", Sql.utc(s.at()), s.tid());
            }
            case SignedOff s -> Sql.update(c, "UPDATE terminal_state SET signed_on = FALSE WHERE tid = ?", s.tid());
            case UploadStarted u -> Sql.update(c, "UPDATE batches SET status = 'UPLOADING' WHERE tid = ? AND batch_no = ? AND status = 'OPEN'",
                    u.tid(), u.batch());
            case Uploaded u -> uploaded(c, u);
            case BatchClosed b -> batchClosed(c, b);
        }
    }

    /** What an approved void or refund does to its original; {@link OpenState} checked it may. */
    private static void originalEffect(Connection c, TransactionRecord t) throws SQLException {
        int n = t.kind() == MessageKind.VOID
                ? Sql.update(c, "UPDATE transactions SET status = 'VOIDED' WHERE rrn = ? AND status = 'APPROVED'", t.originalRrn())
                : Sql.update(c, "UPDATE transactions SET refunded_amount = refunded_amount + ? WHERE rrn = ? AND status = 'APPROVED'",
                        t.amount(), t.originalRrn());
        if (n == 0) LOG.warn("{} {} found its original {} no longer approved when applied; the journal and the tables differ", t.kind(), t.rrn(),
                t.originalRrn());
    }

    private static void reversed(Connection c, Reversed r) throws SQLException {
        Sql.update(c, "INSERT INTO reversals (tid, stan, mti, original_key, original_rrn, amount, effect, response_code, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.tid(), r.stan(), r.mti(), r.originalKey(), r.reversedRrn(), r.amount(),
                r.effect().name(), r.responseCode(), Sql.utc(r.receivedAt()));
        if (r.reversedRrn() == null) return;
        if (Sql.update(c, "UPDATE transactions SET status = 'REVERSED' WHERE rrn = ? AND status = 'APPROVED'", r.reversedRrn()) == 0) return;
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, original_rrn, amount FROM transactions WHERE rrn = ?")) {
            ps.setString(1, r.reversedRrn());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null) return;
                if (MessageKind.VOID.name().equals(rs.getString(1))) {
                    Sql.update(c, "UPDATE transactions SET status = 'APPROVED' WHERE rrn = ? AND status = 'VOIDED'", rs.getString(2));
                } else if (MessageKind.REFUND.name().equals(rs.getString(1))) {
                    Sql.update(c, "UPDATE transactions SET refunded_amount = refunded_amount - ? WHERE rrn = ?", rs.getLong(3), rs.getString(2));
                }
            }
        }
    }

    private static void terminalSeen(Connection c, String tid, String mid, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM terminal_state WHERE tid = ?")) {
            ps.setString(1, tid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return;
            }
        }
        Sql.update(c, "INSERT INTO terminal_state (tid, mid, batch_no) VALUES (?, ?, 1)", tid, mid);
        openBatch(c, tid, 1, at);
    }

    private static void uploaded(Connection c, Uploaded u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO batch_uploads (tid, batch_no, stan, pan_masked, amount, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (UploadRow r : u.rows()) {
                ps.setString(1, u.tid());
                ps.setInt(2, u.batch());
                ps.setString(3, r.stan());
                ps.setString(4, r.panMasked());
                ps.setLong(5, r.amountMinor());
                ps.setObject(6, Sql.utc(u.at()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Sql.update(c, "UPDATE batches SET uploaded_count = uploaded_count + ? WHERE tid = ? AND batch_no = ?", u.rows().size(), u.tid(), u.batch());
    }

    private static void batchClosed(Connection c, BatchClosed b) throws SQLException {
        closeBatchRows(c, b);
        openBatch(c, b.tid(), b.next(), b.at());
    }

    /** A closed batch's row with both views of its totals, and the terminal's next batch number (not its row). */
    static void closeBatchRows(Connection c, BatchClosed b) throws SQLException {
        BatchTotals t = b.terminal() == null ? b.host() : b.terminal();
        BatchTotals h = b.host();
        Sql.update(c, "UPDATE batches SET status = ?, closed_at = ?, terminal_sales_count = ?, terminal_sales_amt = ?, terminal_refund_count = ?, "
                + "terminal_refund_amt = ?, host_sales_count = ?, host_sales_amt = ?, host_refund_count = ?, host_refund_amt = ? "
                + "WHERE tid = ? AND batch_no = ?", b.status().name(), Sql.utc(b.at()), t.salesCount(), t.salesAmount(), t.refundCount(),
                t.refundAmount(), h.salesCount(), h.salesAmount(), h.refundCount(), h.refundAmount(), b.tid(), b.batch());
        Sql.update(c, "UPDATE terminal_state SET batch_no = ? WHERE tid = ?", b.next(), b.tid());
    }

    private static void openBatch(Connection c, String tid, int batch, Instant at) throws SQLException {
        // portable SQL (H2 and PostgreSQL): the journal applier is this table's one writer, so no race between the check and the insert
        Sql.update(c, "INSERT INTO batches (tid, batch_no, status, opened_at) SELECT ?, ?, 'OPEN', ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM batches WHERE tid = ? AND batch_no = ?)", tid, batch, Sql.utc(at), tid, batch);
    }

    private static void bind(PreparedStatement ps, TransactionRecord t) throws SQLException {
        int i = 1;
        ps.setString(i++, t.rrn());
        ps.setString(i++, t.kind().name());
        ps.setString(i++, t.channel().name());
        ps.setString(i++, t.profile());
        ps.setString(i++, t.mti());
        ps.setString(i++, t.processingCode());
        ps.setString(i++, t.tid());
        ps.setString(i++, t.mid());
        ps.setString(i++, t.stan());
        ps.setString(i++, t.requestKey());
        ps.setInt(i++, t.batchNumber());
        ps.setLong(i++, t.amount());
        ps.setString(i++, t.currency());
        ps.setString(i++, t.entryMode());
        ps.setString(i++, t.panMasked());
        ps.setString(i++, t.responseCode().code());
        ps.setString(i++, t.authCode());
        ps.setString(i++, t.status().name());
        ps.setString(i++, t.originalRrn());
        ps.setLong(i++, t.refundedAmount());
        ps.setDate(i++, Date.valueOf(t.businessDate()));
        ps.setObject(i, Sql.utc(t.capturedAt()));
    }
}
