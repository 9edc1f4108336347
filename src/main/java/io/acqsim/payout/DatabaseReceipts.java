package io.acqsim.payout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * The banks' receipts in the cluster's shared database ({@code bank_receipts}, keyed by credit id as the one-host file
 * is), so a node that takes over the lead of settlement finds what the previous leader credited. Each batch of credits
 * carries the epoch its sender leads with ({@link #sendAs}); the bank keeps the highest epoch it has seen
 * ({@code bank_fence}) and, in the transaction that would record the receipts, refuses a batch with a lower one
 * ({@link StaleLeader}): a leader cut off from the cluster cannot pay once a new one has spoken to the bank. A new
 * leader speaks to it as it takes the lead ({@link #sendAs}), so the old one is refused from then on.
 * Thread-safe (each call is its own transaction).
 */
public final class DatabaseReceipts implements BankReceipts {
    private final DataSource db;
    private final AtomicInteger recognised = new AtomicInteger();
    private volatile long epoch;

    public DatabaseReceipts(DataSource db) {
        this.db = db;
    }

    /**
     * The epoch this host's credits carry from now on (the leader epoch it took the lead with), and the bank's fence
     * raised to it now.
     *
     * @throws StaleLeader if the bank has seen a later epoch already
     */
    public void sendAs(long leaderEpoch) {
        this.epoch = leaderEpoch;
        inTransaction(c -> {
            fence(c, leaderEpoch);
            return null;
        });
    }

    /** The epoch this host's credits carry. */
    public long epoch() {
        return epoch;
    }

    @Override
    public Optional<Receipt> find(String creditId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT credit_id, payout_id, bank, merchant_id, amount, currency, credited_at FROM bank_receipts WHERE credit_id = ?")) {
            s.setString(1, creditId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(receipt(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PayoutException("the bank cannot read its receipts: " + e.getMessage(), e);
        }
    }

    /** In one transaction, after checking the epoch the credits carry against the bank's fence. */
    @Override
    public List<Receipt> credit(List<Receipt> receipts) {
        if (receipts.isEmpty()) return List.of();
        long sentWith = epoch;
        return inTransaction(c -> {
            fence(c, sentWith);
            List<Receipt> added = new ArrayList<>(receipts.size());
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO bank_receipts (credit_id, payout_id, bank, merchant_id, amount, currency, credited_at, epoch)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credit_id) DO NOTHING""")) {
                for (Receipt r : receipts) {
                    s.setString(1, r.creditId());
                    s.setString(2, r.payoutId());
                    s.setString(3, r.bank());
                    s.setString(4, r.merchantId());
                    s.setLong(5, r.amount());
                    s.setString(6, r.currency());
                    s.setTimestamp(7, Timestamp.from(r.at()));
                    s.setLong(8, sentWith);
                    if (s.executeUpdate() == 1) added.add(r);
                }
            }
            return added;
        });
    }

    /** Refuses {@code sentWith} below the highest epoch seen (the row locked until commit), else raises it. */
    private static void fence(Connection c, long sentWith) throws SQLException {
        long seen;
        try (PreparedStatement s = c.prepareStatement("SELECT epoch FROM bank_fence WHERE id = 1 FOR UPDATE"); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) throw new SQLException("the bank_fence row is missing");
            seen = rs.getLong(1);
        }
        if (sentWith < seen) throw new StaleLeader(sentWith, seen);
        if (sentWith > seen) {
            try (PreparedStatement s = c.prepareStatement("UPDATE bank_fence SET epoch = ? WHERE id = 1")) {
                s.setLong(1, sentWith);
                s.executeUpdate();
            }
        }
    }

    @Override
    public void recognised() {
        recognised.incrementAndGet();
    }

    @Override
    public int recognisedCount() {
        return recognised.get();
    }

    @Override
    public List<Receipt> all() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT credit_id, payout_id, bank, merchant_id, amount, currency, credited_at FROM bank_receipts ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            List<Receipt> out = new ArrayList<>();
            while (rs.next()) out.add(receipt(rs));
            return out;
        } catch (SQLException e) {
            throw new PayoutException("the bank cannot read its receipts: " + e.getMessage(), e);
        }
    }

    private static Receipt receipt(ResultSet rs) throws SQLException {
        return new Receipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getTimestamp(7).toInstant());
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PayoutException("the bank cannot record credits: " + e.getMessage(), e);
        }
    }

    /** Nothing to release: the database's connections belong to the ledger. */
    @Override
    public void close() {
    }
}
