package io.acqsim.payout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Payouts, their delay reasons and parts in the database: the tables {@code payouts},
 * {@code payout_reasons} and {@code payout_parts}, which are the payouts' own (not the ledger's), so
 * their SQL lives here. Writers are serialised by the {@link PayoutEngine}.
 */
public final class PayoutStore {
    private static final String INSERT = "INSERT INTO payouts (id, mid, bank, business_date, product, tx_count, gross, fee, refunds, net, "
            + "currency, promised_at, scheduled_at, paid_at, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Paid after the promise, or unpaid and past it at the bound instant. */
    private static final String DELAYED = "((paid_at IS NOT NULL AND paid_at > promised_at) OR (paid_at IS NULL AND promised_at < ?))";

    private final DataSource db;

    PayoutStore(DataSource db) {
        this.db = db;
    }

    /** Inserts new payouts with their calendar reasons; caller commits. */
    void insert(Connection c, List<Payout> payouts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Payout p : payouts) {
                ps.setString(1, p.id());
                ps.setString(2, p.merchantId());
                ps.setString(3, p.bank());
                ps.setObject(4, p.businessDate());
                ps.setString(5, p.product());
                ps.setInt(6, p.count());
                ps.setLong(7, p.gross());
                ps.setLong(8, p.fee());
                ps.setLong(9, p.refunds());
                ps.setLong(10, p.net());
                ps.setString(11, p.currency());
                Sql.instant(ps, 12, p.promisedAt());
                Sql.instant(ps, 13, p.scheduledAt());
                Sql.instant(ps, 14, p.paidAt());
                ps.setString(15, p.status().name());
                ps.setInt(16, p.attempts());
                Sql.instant(ps, 17, p.scheduledAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        insertReasons(c, payouts);
    }

    /**
     * Stores the payouts' new state; the reasons of those whose reasons differ from {@code before} (what
     * is stored now) are replaced, the others left as stored; parts paid since {@code before} are added.
     * Caller commits.
     */
    void update(Connection c, List<Payout> payouts, Map<String, Instant> nextAttempt, Map<String, Payout> before) throws SQLException {
        List<Payout> newReasons = new ArrayList<>();
        boolean newParts = false;
        try (PreparedStatement ps = c.prepareStatement("UPDATE payouts SET status = ?, paid_at = ?, attempts = ?, next_attempt_at = ? WHERE id = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM payout_reasons WHERE payout_id = ?");
             PreparedStatement part = c.prepareStatement("INSERT INTO payout_parts (payout_id, seq, amount, paid_at) VALUES (?, ?, ?, ?)")) {
            for (Payout p : payouts) {
                ps.setString(1, p.status().name());
                Sql.instant(ps, 2, p.paidAt());
                ps.setInt(3, p.attempts());
                Sql.instant(ps, 4, nextAttempt.get(p.id()));
                ps.setString(5, p.id());
                ps.addBatch();
                Payout was = before.get(p.id());
                if (!p.reasons().equals(was.reasons())) {
                    del.setString(1, p.id());
                    del.addBatch();
                    newReasons.add(p);
                }
                for (int seq = was.parts().size(); seq < p.parts().size(); seq++) {
                    part.setString(1, p.id());
                    part.setInt(2, seq);
                    part.setLong(3, p.parts().get(seq).amount());
                    Sql.instant(part, 4, p.parts().get(seq).paidAt());
                    part.addBatch();
                    newParts = true;
                }
            }
            ps.executeBatch();
            if (!newReasons.isEmpty()) del.executeBatch();
            if (newParts) part.executeBatch();
        }
        insertReasons(c, newReasons);
    }

    private static void insertReasons(Connection c, List<Payout> payouts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO payout_reasons (payout_id, seq, code, from_at, to_at, detail, fault_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Payout p : payouts) {
                int seq = 0;
                for (DelayReason r : p.reasons()) {
                    ps.setString(1, p.id());
                    ps.setInt(2, seq++);
                    ps.setString(3, r.code().name());
                    Sql.instant(ps, 4, r.from());
                    Sql.instant(ps, 5, r.to());
                    ps.setString(6, r.detail());
                    ps.setString(7, r.faultId());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public Optional<Payout> find(String id) {
        List<Payout> found = select("SELECT * FROM payouts WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Payouts matching {@code q}, by business date then merchant; {@code now} decides "delayed" for unpaid ones. */
    public List<Payout> list(PayoutQuery q, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT * FROM payouts WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.merchantId() != null) { sql.append(" AND mid = ?"); args.add(q.merchantId()); }
        if (q.businessDate() != null) { sql.append(" AND business_date = ?"); args.add(q.businessDate()); }
        if (q.from() != null) { sql.append(" AND business_date >= ?"); args.add(q.from()); }
        if (q.to() != null) { sql.append(" AND business_date <= ?"); args.add(q.to()); }
        if (q.status() != null) { sql.append(" AND status = ?"); args.add(q.status().name()); }
        if (q.delayed() != null) {
            sql.append(q.delayed() ? " AND " + DELAYED : " AND NOT " + DELAYED);
            args.add(java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
        }
        sql.append(" ORDER BY business_date, mid, currency");
        return select(sql.toString(), args);
    }

    /** Payouts not yet paid, with the instant of their next attempt (null: waiting for a release). */
    Map<Payout, Instant> unpaid() {
        Map<String, Instant> next = new java.util.HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, next_attempt_at FROM payouts WHERE status <> 'PAID'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) next.put(rs.getString("id"), Sql.instant(rs, "next_attempt_at"));
        } catch (SQLException e) {
            throw new PayoutException("cannot read unpaid payouts: " + e.getMessage(), e);
        }
        Map<Payout, Instant> out = new LinkedHashMap<>();
        for (Payout p : select("SELECT * FROM payouts WHERE status <> 'PAID' ORDER BY id", List.of())) {
            if (next.containsKey(p.id())) out.put(p, next.get(p.id()));
        }
        return out;
    }

    /** Payouts paid after their promise, or unpaid and past it at {@code now}. */
    public long countDelayed(Instant now) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM payouts WHERE " + DELAYED)) {
            Sql.instant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new PayoutException("cannot count delayed payouts: " + e.getMessage(), e);
        }
    }

    /** Payouts per status, every status present. */
    public Map<PayoutStatus, Long> countByStatus() {
        Map<PayoutStatus, Long> out = new EnumMap<>(PayoutStatus.class);
        for (PayoutStatus s : PayoutStatus.values()) out.put(s, 0L);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM payouts GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(PayoutStatus.valueOf(rs.getString(1)), rs.getLong(2));
            return out;
        } catch (SQLException e) {
            throw new PayoutException("cannot count payouts: " + e.getMessage(), e);
        }
    }

    private List<Payout> select(String sql, List<Object> args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            List<Payout> bare = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) bare.add(payout(rs));
            }
            List<String> ids = bare.stream().map(Payout::id).toList();
            Map<String, List<DelayReason>> reasons = reasons(c, ids);
            Map<String, List<PayoutPart>> parts = parts(c, ids);
            return bare.stream().map(p -> p.withStored(reasons.getOrDefault(p.id(), List.of()), parts.getOrDefault(p.id(), List.of()))).toList();
        } catch (SQLException e) {
            throw new PayoutException("cannot read payouts: " + e.getMessage(), e);
        }
    }

    private static Payout payout(ResultSet rs) throws SQLException {
        return new Payout(rs.getString("id"), rs.getString("mid"), rs.getString("bank"), rs.getObject("business_date", LocalDate.class),
                rs.getString("product"), rs.getInt("tx_count"), rs.getLong("gross"), rs.getLong("fee"), rs.getLong("refunds"),
                rs.getLong("net"), rs.getString("currency"), Sql.instant(rs, "promised_at"), Sql.instant(rs, "scheduled_at"),
                Sql.instant(rs, "paid_at"), PayoutStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), List.of(), List.of());
    }

    private static Map<String, List<DelayReason>> reasons(Connection c, List<String> ids) throws SQLException {
        Map<String, List<DelayReason>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM payout_reasons WHERE payout_id = ANY(?) ORDER BY payout_id, seq")) {
            ps.setObject(1, ids.toArray(new String[0]));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString("payout_id"), k -> new ArrayList<>()).add(new DelayReason(
                            ReasonCode.valueOf(rs.getString("code")), Sql.instant(rs, "from_at"), Sql.instant(rs, "to_at"),
                            rs.getString("detail"), rs.getString("fault_id")));
                }
            }
        }
        return out;
    }

    private static Map<String, List<PayoutPart>> parts(Connection c, List<String> ids) throws SQLException {
        Map<String, List<PayoutPart>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM payout_parts WHERE payout_id = ANY(?) ORDER BY payout_id, seq")) {
            ps.setObject(1, ids.toArray(new String[0]));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString("payout_id"), k -> new ArrayList<>())
                            .add(new PayoutPart(rs.getLong("amount"), Sql.instant(rs, "paid_at")));
                }
            }
        }
        return out;
    }

    /**
     * What was credited to a merchant's account in one currency in {@code [from, to)}, minor units: the
     * payouts paid whole in it (those without parts) and the parts paid in it.
     */
    long credited(String merchantId, String currency, Instant from, Instant to) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (SELECT COALESCE(SUM(p.net), 0) FROM payouts p WHERE p.mid = ? AND p.currency = ? "
                     + "AND p.paid_at >= ? AND p.paid_at < ? AND NOT EXISTS (SELECT 1 FROM payout_parts x WHERE x.payout_id = p.id)) "
                     + "+ (SELECT COALESCE(SUM(x.amount), 0) FROM payout_parts x JOIN payouts p ON p.id = x.payout_id "
                     + "WHERE p.mid = ? AND p.currency = ? AND x.paid_at >= ? AND x.paid_at < ?)")) {
            for (int i = 0; i < 2; i++) {
                ps.setString(4 * i + 1, merchantId);
                ps.setString(4 * i + 2, currency);
                Sql.instant(ps, 4 * i + 3, from);
                Sql.instant(ps, 4 * i + 4, to);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new PayoutException("cannot read what was credited to " + merchantId + ": " + e.getMessage(), e);
        }
    }
}
