package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * Terminals' state and batches: sign-on, the open batch, upload and close. Batch numbers run 1 to
 * 999999 and wrap. Writes go through the group-commit writer and return once committed.
 */
final class TerminalBatches {
    private final DataSource db;
    private final Consumer<LedgerOp> commit;

    TerminalBatches(DataSource db, Consumer<LedgerOp> commit) {
        this.db = db;
        this.commit = commit;
    }

    int signOn(String tid, String mid, Instant at) {
        commit.accept(c -> {
            ensureTerminal(c, tid, mid, at);
            Sql.update(c, "UPDATE terminal_state SET signed_on = TRUE, last_sign_on = ? WHERE tid = ?", Sql.utc(at), tid);
        });
        return openBatch(tid).orElseThrow();
    }

    void signOff(String tid) {
        commit.accept(c -> Sql.update(c, "UPDATE terminal_state SET signed_on = FALSE WHERE tid = ?", tid));
    }

    int ensureTerminal(String tid, String mid, Instant at) {
        Optional<Integer> open = openBatch(tid);
        if (open.isPresent()) return open.get();
        commit.accept(c -> ensureTerminal(c, tid, mid, at));
        return openBatch(tid).orElseThrow();
    }

    void startUpload(String tid, int batch) {
        commit.accept(c -> Sql.update(c, "UPDATE batches SET status = 'UPLOADING' WHERE tid = ? AND batch_no = ? AND status = 'OPEN'", tid, batch));
    }

    void upload(String tid, int batch, List<UploadRow> rows, Instant at) {
        commit.accept(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO batch_uploads (tid, batch_no, stan, pan_masked, amount, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (UploadRow r : rows) {
                    ps.setString(1, tid);
                    ps.setInt(2, batch);
                    ps.setString(3, r.stan());
                    ps.setString(4, r.panMasked());
                    ps.setLong(5, r.amountMinor());
                    ps.setObject(6, Sql.utc(at));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Sql.update(c, "UPDATE batches SET uploaded_count = uploaded_count + ? WHERE tid = ? AND batch_no = ?", rows.size(), tid, batch);
        });
    }

    int closeBatch(String tid, int batch, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at) {
        int next = batch % 999_999 + 1;
        commit.accept(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET status = ?, closed_at = ?, terminal_sales_count = ?, "
                    + "terminal_sales_amt = ?, terminal_refund_count = ?, terminal_refund_amt = ?, host_sales_count = ?, host_sales_amt = ?, "
                    + "host_refund_count = ?, host_refund_amt = ? WHERE tid = ? AND batch_no = ?")) {
                ps.setString(1, status.name());
                ps.setObject(2, Sql.utc(at));
                BatchTotals t = terminal == null ? host : terminal;
                ps.setInt(3, t.salesCount());
                ps.setLong(4, t.salesAmount());
                ps.setInt(5, t.refundCount());
                ps.setLong(6, t.refundAmount());
                ps.setInt(7, host.salesCount());
                ps.setLong(8, host.salesAmount());
                ps.setInt(9, host.refundCount());
                ps.setLong(10, host.refundAmount());
                ps.setString(11, tid);
                ps.setInt(12, batch);
                ps.executeUpdate();
            }
            Sql.update(c, "UPDATE terminal_state SET batch_no = ? WHERE tid = ?", next, tid);
            insertBatch(c, tid, next, at);
        });
        return next;
    }

    Optional<Integer> openBatch(String tid) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT batch_no FROM terminal_state WHERE tid = ?")) {
            ps.setString(1, tid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    String batchStatus(String tid, int batch) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM batches WHERE tid = ? AND batch_no = ?")) {
            ps.setString(1, tid);
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    BatchTotals batchTotals(String tid, int batch) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*), COALESCE(SUM(amount), 0) FROM transactions "
                     + "WHERE tid = ? AND batch_no = ? AND status = 'APPROVED' AND kind IN ('PURCHASE', 'REFUND') GROUP BY kind")) {
            ps.setString(1, tid);
            ps.setInt(2, batch);
            int sc = 0, rc = 0;
            long sa = 0, ra = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("PURCHASE")) {
                        sc = rs.getInt(2);
                        sa = rs.getLong(3);
                    } else {
                        rc = rs.getInt(2);
                        ra = rs.getLong(3);
                    }
                }
            }
            return new BatchTotals(sc, sa, rc, ra);
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    private static void ensureTerminal(Connection c, String tid, String mid, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_no FROM terminal_state WHERE tid = ?")) {
            ps.setString(1, tid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return;
            }
        }
        Sql.update(c, "INSERT INTO terminal_state (tid, mid, batch_no) VALUES (?, ?, 1)", tid, mid);
        insertBatch(c, tid, 1, at);
    }

    private static void insertBatch(Connection c, String tid, int batch, Instant at) throws SQLException {
        Sql.update(c, "MERGE INTO batches (tid, batch_no, status, opened_at) KEY (tid, batch_no) VALUES (?, ?, 'OPEN', ?)", tid, batch, Sql.utc(at));
    }
}
