package io.acqsim.clearing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Clearing's own tables: {@code clearing_runs} (one row per business date cleared, whose presence makes
 * clearing idempotent) and {@code clearing} (the rows of each run). The transactions they add up are
 * read through the ledger, never here.
 */
final class ClearingStore {
    private final DataSource db;

    ClearingStore(DataSource db) {
        this.db = db;
    }

    /** The stored run of a business date, if it was cleared. */
    Optional<Instant> clearedAt(Connection c, LocalDate businessDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cleared_at FROM clearing_runs WHERE business_date = ?")) {
            ps.setObject(1, businessDate);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject("cleared_at", OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        }
    }

    /** Stores the run and its rows (caller commits). */
    void insert(Connection c, LocalDate businessDate, List<ClearingRow> rows, Instant at) throws SQLException {
        long txns = rows.stream().mapToLong(ClearingRow::count).sum();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO clearing_runs (business_date, cleared_at, merchants, transactions) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, businessDate);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
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
            List<ClearingRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClearingRow(businessDate, rs.getString("mid"), rs.getString("currency"), rs.getString("bank"),
                            rs.getString("product"), rs.getInt("sales_count"), rs.getLong("sales_amount"), rs.getInt("refund_count"),
                            rs.getLong("refund_amount"), rs.getLong("card_fee"), rs.getLong("qr_fee")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ClearingException("cannot read the clearing of " + businessDate + ": " + e.getMessage(), e);
        }
    }

    /** Every business date cleared so far. */
    Set<LocalDate> clearedDates() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT business_date FROM clearing_runs");
             ResultSet rs = ps.executeQuery()) {
            Set<LocalDate> out = new HashSet<>();
            while (rs.next()) out.add(rs.getObject(1, LocalDate.class));
            return out;
        } catch (SQLException e) {
            throw new ClearingException("cannot list cleared business dates: " + e.getMessage(), e);
        }
    }
}
