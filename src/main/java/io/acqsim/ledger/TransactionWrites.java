package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * Writes of terminal transactions and reversals, each committed through the group-commit writer before
 * it returns, and the request filter that knows every request so written. Transactions are written
 * only here, so the filter's "no" stays certain.
 */
final class TransactionWrites {
    /** Room in the request filter beyond the rows found at open, before its "maybe" stops being rare. */
    private static final long REQUEST_FILTER_HEADROOM = 4_000_000;

    private final DataSource db;
    private final Consumer<LedgerOp> commit;
    private final RequestFilter requests;
    private volatile boolean requestsLoaded;

    TransactionWrites(DataSource db, Consumer<LedgerOp> commit, long rows) {
        this.db = db;
        this.commit = commit;
        this.requests = new RequestFilter(2 * rows + REQUEST_FILTER_HEADROOM);
    }

    /** See {@link Ledger#record}. */
    void record(TransactionRecord t) {
        requests.add(t.tid(), t.stan(), t.requestKey());   // before the row can exist: mayHoldRequest never misses it
        commit.accept(c -> {
            insertTransaction(c, t);
            if (t.approved() && t.originalRrn() != null) {
                if (t.kind() == MessageKind.VOID) {
                    if (Sql.update(c, "UPDATE transactions SET status = 'VOIDED' WHERE rrn = ? AND status = 'APPROVED' AND refunded_amount = 0",
                            t.originalRrn()) == 0) {
                        throw new OriginalChanged(ResponseCode.INVALID_TRANSACTION, "original " + t.originalRrn() + " is no longer an approved, unrefunded sale");
                    }
                } else if (t.kind() == MessageKind.REFUND) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE transactions SET refunded_amount = refunded_amount + ? "
                            + "WHERE rrn = ? AND status = 'APPROVED' AND refunded_amount + ? <= amount")) {
                        ps.setLong(1, t.amount());
                        ps.setString(2, t.originalRrn());
                        ps.setLong(3, t.amount());
                        if (ps.executeUpdate() == 0) throw refundConflict(c, t);
                    }
                }
            }
        });
    }

    private static OriginalChanged refundConflict(Connection c, TransactionRecord t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, amount - refunded_amount FROM transactions WHERE rrn = ?")) {
            ps.setString(1, t.originalRrn());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && TransactionStatus.APPROVED.name().equals(rs.getString(1))) {
                    return new OriginalChanged(ResponseCode.INVALID_AMOUNT, "refund " + t.amount() + " exceeds what is left to refund, " + rs.getLong(2));
                }
                return new OriginalChanged(ResponseCode.INVALID_TRANSACTION, "original " + t.originalRrn() + " is no longer an approved sale");
            }
        }
    }

    /** See {@link Ledger#reverse}. */
    void reverse(Reversal r) {
        TransactionRecord reversed = r.reversed();
        commit.accept(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reversals (tid, stan, mti, original_key, original_rrn, amount, effect, "
                    + "response_code, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.tid());
                ps.setString(2, r.stan());
                ps.setString(3, r.mti());
                ps.setString(4, r.originalKey());
                ps.setString(5, reversed == null ? null : reversed.rrn());
                ps.setLong(6, r.amount());
                ps.setString(7, r.effect().name());
                ps.setString(8, r.responseCode().code());
                ps.setObject(9, Sql.utc(r.receivedAt()));
                ps.executeUpdate();
            }
            if (reversed != null && reversed.approved()) {
                Sql.update(c, "UPDATE transactions SET status = 'REVERSED' WHERE rrn = ? AND status = 'APPROVED'", reversed.rrn());
                if (reversed.originalRrn() != null && reversed.kind() == MessageKind.VOID) {
                    Sql.update(c, "UPDATE transactions SET status = 'APPROVED' WHERE rrn = ? AND status = 'VOIDED'", reversed.originalRrn());
                } else if (reversed.originalRrn() != null && reversed.kind() == MessageKind.REFUND) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE transactions SET refunded_amount = refunded_amount - ? WHERE rrn = ?")) {
                        ps.setLong(1, reversed.amount());
                        ps.setString(2, reversed.originalRrn());
                        ps.executeUpdate();
                    }
                }
            }
        });
    }

    /** See {@link Ledger#mayHoldRequest}. */
    boolean mayHoldRequest(String tid, String stan, String requestKey) {
        if (!requestsLoaded) loadRequests();
        return requests.mightContain(tid, stan, requestKey);
    }

    private synchronized void loadRequests() {
        if (requestsLoaded) return;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tid, stan, request_key FROM transactions")) {
            while (rs.next()) requests.add(rs.getString(1), rs.getString(2), rs.getString(3));
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
        requestsLoaded = true;
    }

    private static void insertTransaction(Connection c, TransactionRecord t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO transactions (rrn, kind, channel, profile, mti, processing_code, tid, mid, "
                + "stan, request_key, batch_no, amount, currency, entry_mode, pan_masked, response_code, auth_code, status, original_rrn, "
                + "refunded_amount, business_date, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            ps.executeUpdate();
        }
    }
}
