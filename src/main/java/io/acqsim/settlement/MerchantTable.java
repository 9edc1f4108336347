package io.acqsim.settlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import javax.sql.DataSource;

import io.acqsim.config.Merchant;

/** The merchants table: the registry's merchants plus account corrections made through the API. */
final class MerchantTable {
    private final DataSource db;

    MerchantTable(DataSource db) {
        this.db = db;
    }

    /**
     * H2's MERGE, PostgreSQL's INSERT ... ON CONFLICT: on PostgreSQL several cluster nodes refresh the table as
     * they start, and ON CONFLICT is the upsert that cannot fail with a duplicate key when two do it at once.
     */
    private static String upsert(Connection c) throws SQLException {
        String columns = "INSERT INTO merchants (mid, name, bank, product, card_fee_bp, qr_fee_bp, registry_account) ";
        if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return columns + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mid) DO UPDATE SET name = EXCLUDED.name, bank = EXCLUDED.bank, "
                    + "product = EXCLUDED.product, card_fee_bp = EXCLUDED.card_fee_bp, qr_fee_bp = EXCLUDED.qr_fee_bp, "
                    + "registry_account = EXCLUDED.registry_account";
        }
        return "MERGE " + columns.substring("INSERT ".length()) + "KEY (mid) VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    /** Inserts or refreshes every registry merchant; a corrected account survives the refresh. */
    void sync(Collection<Merchant> merchants) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(upsert(c))) {
            c.setAutoCommit(false);
            for (Merchant m : merchants) {
                ps.setString(1, m.id());
                ps.setString(2, m.name());
                ps.setString(3, m.bank());
                ps.setString(4, m.product());
                ps.setInt(5, m.cardFeeBp());
                ps.setInt(6, m.qrFeeBp());
                ps.setString(7, m.account());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new SettlementException("cannot refresh the merchants table: " + e.getMessage(), e);
        }
    }

    /** The account payouts go to: the corrected one if any, else the registry's. */
    Optional<String> account(String mid) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(corrected_account, registry_account) FROM merchants WHERE mid = ?")) {
            ps.setString(1, mid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SettlementException("cannot read merchant " + mid + ": " + e.getMessage(), e);
        }
    }

    /** Records a corrected account number; false if the merchant is unknown. */
    boolean correct(String mid, String account, Instant at) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE merchants SET corrected_account = ?, corrected_at = ? WHERE mid = ?")) {
            ps.setString(1, account);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, mid);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new SettlementException("cannot correct the account of " + mid + ": " + e.getMessage(), e);
        }
    }
}
