package io.acqsim.settlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Clearing in the database: the per-merchant aggregate of a business date and its stored result.
 * Fees are computed per transaction, half-up to the fen, from the merchant's rate for the channel.
 */
final class ClearingStore {
    /** Approved sales and refunds of a date per merchant and currency; voids, reversals and declines fall out on status/kind. */
    private static final String AGGREGATE = """
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

    ClearingStore(DataSource db) {
        this.db = db;
    }

    DataSource db() { return db; }

    /** The stored run of a business date, if it was cleared. */
    Optional<Instant> clearedAt(Connection c, LocalDate businessDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cleared_at FROM clearing_runs WHERE business_date = ?")) {
            ps.setObject(1, businessDate);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Sql.instant(rs, "cleared_at")) : Optional.empty();
            }
        }
    }

    List<ClearingRow> aggregate(Connection c, LocalDate businessDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AGGREGATE)) {
            ps.setObject(1, businessDate);
            return rows(ps, businessDate);
        }
    }

    /** Stores the run and its rows (caller commits). */
    void insert(Connection c, LocalDate businessDate, List<ClearingRow> rows, Instant at) throws SQLException {
        long txns = rows.stream().mapToLong(ClearingRow::count).sum();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO clearing_runs (business_date, cleared_at, merchants, transactions) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, businessDate);
            Sql.instant(ps, 2, at);
            ps.setInt(3, (int) rows.stream().map(ClearingRow::merchantId).distinct().count());
            ps.setLong(4, txns);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO clearing (business_date, mid, currency, bank, product, sales_count, "
                + "sales_amount, refund_count, refund_amount, card_fee, qr_fee, net) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ClearingRow r : rows) {
                ps.setObject(1, businessDate);
                ps.setString(2, r.merchantId());
                ps.setString(3, r.currency());
                ps.setString(4, r.bank());
                ps.setString(5, r.product());
                ps.setInt(6, r.salesCount());
                ps.setLong(7, r.salesAmount());
                ps.setInt(8, r.refundCount());
                ps.setLong(9, r.refundAmount());
                ps.setLong(10, r.cardFee());
                ps.setLong(11, r.qrFee());
                ps.setLong(12, r.net());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored clearing of a date, ordered by merchant. */
    List<ClearingRow> stored(LocalDate businessDate) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM clearing WHERE business_date = ? ORDER BY mid, currency")) {
            ps.setObject(1, businessDate);
            return rows(ps, businessDate);
        } catch (SQLException e) {
            throw new SettlementException("cannot read the clearing of " + businessDate + ": " + e.getMessage(), e);
        }
    }

    /** Business dates before {@code before} that hold transactions and were never cleared, oldest first. */
    List<LocalDate> unclearedBefore(LocalDate before) {
        String sql = "SELECT DISTINCT business_date FROM transactions WHERE business_date < ? "
                + "AND business_date NOT IN (SELECT business_date FROM clearing_runs) ORDER BY business_date";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, before);
            List<LocalDate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1, LocalDate.class));
            }
            return out;
        } catch (SQLException e) {
            throw new SettlementException("cannot list uncleared business dates: " + e.getMessage(), e);
        }
    }

    private static List<ClearingRow> rows(PreparedStatement ps, LocalDate businessDate) throws SQLException {
        List<ClearingRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ClearingRow(businessDate, rs.getString("mid"), rs.getString("currency"), rs.getString("bank"),
                        rs.getString("product"), rs.getInt("sales_count"), rs.getLong("sales_amount"), rs.getInt("refund_count"),
                        rs.getLong("refund_amount"), rs.getLong("card_fee"), rs.getLong("qr_fee")));
            }
        }
        return out;
    }
}
