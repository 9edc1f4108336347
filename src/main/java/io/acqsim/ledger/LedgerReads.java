package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * Reads of the ledger's tables on pooled connections; each sees what is applied and committed. Callers
 * that must not miss what is still in the journal wait for it first ({@link Ledger}) or ask memory
 * first ({@link OpenState}).
 */
final class LedgerReads {
    /** Approved sales and refunds of a date per merchant and currency; voids, reversals and declines fall out on status/kind. */
    private static final String MERCHANT_TOTALS = """
            SELECT t.mid, t.currency, m.bank, m.product,
              SUM(CASE WHEN t.kind = 'PURCHASE' THEN 1 ELSE 0 END) AS sales_count,
              SUM(CASE WHEN t.kind = 'PURCHASE' THEN t.amount ELSE 0 END) AS sales_amount,
              SUM(CASE WHEN t.kind = 'REFUND' THEN 1 ELSE 0 END) AS refund_count,
              SUM(CASE WHEN t.kind = 'REFUND' THEN t.amount ELSE 0 END) AS refund_amount,
              SUM(CASE WHEN t.kind = 'PURCHASE' AND t.channel <> 'QR' THEN (t.amount * m.card_fee_bp + 5000) / 10000 ELSE 0 END) AS card_fee,
              SUM(CASE WHEN t.kind = 'PURCHASE' AND t.channel = 'QR' THEN (t.amount * m.qr_fee_bp + 5000) / 10000 ELSE 0 END) AS qr_fee
            FROM transactions t JOIN merchants m ON m.mid = t.mid
            WHERE t.business_date = ? AND t.status = 'APPROVED' AND t.kind IN ('PURCHASE', 'REFUND')
            GROUP BY t.mid, t.currency, m.bank, m.product
            ORDER BY t.mid, t.currency""";

    private final DataSource db;

    LedgerReads(DataSource db) {
        this.db = db;
    }

    Optional<TransactionRecord> byRrn(String rrn) {
        return first(query("SELECT * FROM transactions WHERE rrn = ?", rrn));
    }

    Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        return first(query("SELECT * FROM transactions WHERE tid = ? AND stan = ? AND request_key = ?", tid, stan, requestKey));
    }

    Optional<Integer> openBatch(String tid) {
        return first(rows("SELECT batch_no FROM terminal_state WHERE tid = ?", rs -> rs.getInt(1), tid));
    }

    /** OPEN, UPLOADING, CLOSED or CLOSED_UNBALANCED; null for a batch the tables do not hold. */
    String batchStatus(String tid, int batch) {
        return first(rows("SELECT status FROM batches WHERE tid = ? AND batch_no = ?", rs -> rs.getString(1), tid, batch)).orElse(null);
    }

    /** The status of the terminal's open batch, one read; empty when {@code batch} is not its open batch. */
    Optional<BatchStatus> openBatchStatus(String tid, int batch) {
        return first(rows("SELECT b.status FROM terminal_state s JOIN batches b ON b.tid = s.tid AND b.batch_no = s.batch_no "
                + "WHERE s.tid = ? AND s.batch_no = ?", rs -> BatchStatus.valueOf(rs.getString(1)), tid, batch));
    }

    /** Approved sales and approved refunds of a terminal batch. */
    BatchTotals batchTotals(String tid, int batch) {
        int sc = 0, rc = 0;
        long sa = 0, ra = 0;
        for (Object[] r : rows("SELECT kind, COUNT(*), COALESCE(SUM(amount), 0) FROM transactions WHERE tid = ? AND batch_no = ? "
                + "AND status = 'APPROVED' AND kind IN ('PURCHASE', 'REFUND') GROUP BY kind",
                rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3)}, tid, batch)) {
            if (r[0].equals("PURCHASE")) {
                sc = (int) r[1];
                sa = (long) r[2];
            } else {
                rc = (int) r[1];
                ra = (long) r[2];
            }
        }
        return new BatchTotals(sc, sa, rc, ra);
    }

    /** Adds every stored request identity to {@code filter}. */
    void requestsInto(RequestFilter filter) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT tid, stan, request_key FROM transactions");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) filter.add(rs.getString(1), rs.getString(2), rs.getString(3));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    List<TransactionRecord> list(TransactionFilter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM transactions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.tid() != null) { sql.append(" AND tid = ?"); args.add(f.tid()); }
        if (f.merchantId() != null) { sql.append(" AND mid = ?"); args.add(f.merchantId()); }
        if (f.businessDate() != null) { sql.append(" AND business_date = ?"); args.add(f.businessDate()); }
        if (f.status() != null) { sql.append(" AND status = ?"); args.add(f.status().name()); }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(f.limit());
        return query(sql.toString(), args.toArray());
    }

    List<TransactionRecord> all() {
        return query("SELECT * FROM transactions ORDER BY id");
    }

    Map<TransactionStatus, Long> countByStatus() {
        Map<TransactionStatus, Long> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, COUNT(*) FROM transactions GROUP BY status ORDER BY status"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(TransactionStatus.valueOf(rs.getString(1)), rs.getLong(2));
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    long reversalCount() {
        return single("SELECT COUNT(*) FROM reversals", rs -> rs.getLong(1));
    }

    long maxRrn() {
        try {
            return single("SELECT MAX(rrn) FROM transactions", rs -> rs.getString(1) == null ? 0 : Long.parseLong(rs.getString(1).strip()));
        } catch (NumberFormatException e) {
            throw failed(e);
        }
    }

    /** The next value of the shared sequence of RRN blocks (cluster mode, PostgreSQL). */
    long nextRrnBlock() {
        return single("SELECT nextval('ledger_rrn_blocks')", rs -> rs.getLong(1));
    }

    /**
     * Moves the sequence of RRN blocks past the RRNs already stored, when a ledger written by one host is
     * first opened in cluster mode (a no-op afterwards: the blocks then lie beyond every stored RRN). Two
     * nodes doing this at once compute the same value.
     */
    void startRrnBlocksAfterStoredRrns(long blockSize) {
        single("SELECT setval('ledger_rrn_blocks', m.b, false) FROM (SELECT MAX(rrn)::bigint / " + blockSize + " + 1 AS b "
                + "FROM transactions) m, ledger_rrn_blocks s WHERE m.b > s.last_value", rs -> null);
    }

    List<MerchantDayTotals> merchantTotals(LocalDate businessDate) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(MERCHANT_TOTALS)) {
            ps.setObject(1, businessDate);
            List<MerchantDayTotals> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MerchantDayTotals(rs.getString("mid"), rs.getString("currency"), rs.getString("bank"),
                            rs.getString("product"), rs.getInt("sales_count"), rs.getLong("sales_amount"), rs.getInt("refund_count"),
                            rs.getLong("refund_amount"), rs.getLong("card_fee"), rs.getLong("qr_fee")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    List<LocalDate> businessDatesBefore(LocalDate before) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT business_date FROM transactions WHERE business_date < ? ORDER BY business_date")) {
            ps.setObject(1, before);
            List<LocalDate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, LocalDate.class));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T single(String sql, Column<T> column) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return column.read(rs);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private <T> List<T> rows(String sql, Column<T> column, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(column.read(rs));
                return out;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static <T> Optional<T> first(List<T> l) {
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    private List<TransactionRecord> query(String sql, Object... args) {
        return rows(sql, LedgerReads::read, args);
    }

    /** The transaction on {@code rs}'s current row (all columns). */
    static TransactionRecord read(ResultSet rs) throws SQLException {
        return new TransactionRecord(
                rs.getString("rrn"), MessageKind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")),
                rs.getString("profile"), rs.getString("mti"), rs.getString("processing_code"), rs.getString("tid"), rs.getString("mid"),
                rs.getString("stan"), rs.getString("request_key"), rs.getInt("batch_no"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("entry_mode"), rs.getString("pan_masked"), ResponseCode.of(rs.getString("response_code")),
                rs.getString("auth_code"), TransactionStatus.valueOf(rs.getString("status")), rs.getString("original_rrn"),
                rs.getLong("refunded_amount"), rs.getDate("business_date").toLocalDate(),
                rs.getObject("captured_at", OffsetDateTime.class).toInstant());
    }

    private static LedgerException failed(Exception e) {
        return new LedgerException("ledger read failed: " + e.getMessage(), e);
    }
}
