package io.acqsim.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Chooses the settlement leader through PostgreSQL. The lease is a session-level advisory lock
 * ({@code pg_try_advisory_lock}) held by a connection of its own: every node tries it every {@link #EVERY}; the node
 * that gets it raises the epoch in {@code cluster_leader} by one (the fencing token its payouts carry) and leads until
 * that connection fails. The lock is keyed by the ledger's schema, so two clusters on one database (or two tests)
 * do not compete.
 * <p>
 * The leader checks its connection at every tick ({@link Connection#isValid} within {@link #CHECK_WITHIN}); when it
 * fails (the database unreachable, the session killed) the node steps down at once: it no longer holds the lock, or
 * will not once the server notices, and another node may already lead. A leader that dies ({@code kill -9}) drops its
 * connection with it, the server releases the lock, and another node takes it at its next try.
 * <p>
 * {@link Listener} calls are made on the election's thread, one at a time: {@code elected} then {@code deposed}.
 */
public final class LeaderElection implements AutoCloseable {
    /** How often a follower tries the lock and the leader checks it still holds it. */
    public static final Duration EVERY = Duration.ofSeconds(1);
    /** The leader's connection must answer within this, or the leader steps down. */
    static final int CHECK_WITHIN = 2;
    /** The first key of the advisory lock (the second a hash of the schema's name): "acq" in ASCII. */
    static final int LOCK_CLASS = 0x616371;
    private static final Logger LOG = LogManager.getLogger(LeaderElection.class);

    /** Opens the dedicated connection of the lease (a new session on the ledger's database and schema). */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** What the node does when it takes and loses the lead. */
    public interface Listener {
        /** This node leads from now on, with {@code epoch}; throwing gives the lead up again. */
        void elected(long epoch) throws Exception;

        /** This node no longer leads: stop everything only the leader does. */
        void deposed(long epoch);
    }

    private final Connector connector;
    private final String node;
    private final Listener listener;
    private final ScheduledExecutorService ticks;
    private Connection lease;                 // the election thread's only
    private volatile long epoch;
    private volatile boolean leading;
    private boolean unreachable;

    public LeaderElection(Connector connector, String node, Listener listener) {
        this.connector = connector;
        this.node = node;
        this.listener = listener;
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("acqsim-leader-election").unstarted(r));
    }

    /** Tries the lock now, then every {@link #EVERY}. */
    public LeaderElection start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether this node leads now (as far as it knows: its lease connection answered at the last check). */
    public boolean leading() {
        return leading;
    }

    /** The epoch this node took the lead with (the last one, after it stepped down); 0 if it never led. */
    public long epoch() {
        return epoch;
    }

    public String node() {
        return node;
    }

    /** One try (a follower) or check (the leader). Package-private so tests can drive it without waiting. */
    synchronized void tick() {
        try {
            if (leading) {
                if (!lease.isValid(CHECK_WITHIN)) stepDown("its connection to the database failed", false);
                return;
            }
            if (lease == null || !lease.isValid(CHECK_WITHIN)) {
                closeLease();
                lease = connector.open();
                lease.setAutoCommit(true);
            }
            if (!tryLock()) return;
            long e = raiseEpoch();
            epoch = e;
            leading = true;
            unreachable = false;
            LOG.info("cluster node {} is the settlement leader, epoch {}", node, e);
            try {
                listener.elected(e);
            } catch (Exception ex) {
                LOG.error("cluster node {} could not take up settlement as leader ({}); giving the lead up", node, ex.toString(), ex);
                stepDown("it could not start settlement", true);
            }
        } catch (SQLException | RuntimeException e) {
            if (leading) {
                stepDown(e.getMessage(), false);
            } else {
                if (!unreachable) LOG.warn("cluster node {}: cannot try the leader lock: {}", node, e.getMessage());
                unreachable = true;
                closeLease();
            }
        }
    }

    private boolean tryLock() throws SQLException {
        try (Statement s = lease.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", hashtext(current_schema()))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Releases the lock before the connection closes, so the next node's try gets it at once (a closed session's locks
     * are released by the server a moment after the client has gone). A failure leaves it to the close.
     */
    private void unlockAndClose() {
        if (lease == null) return;
        try (Statement s = lease.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + LOCK_CLASS + ", hashtext(current_schema()))");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("releasing the leader lock: {}", e.toString());
        }
        closeLease();
    }

    /** Raises the epoch in its own transaction; on failure the lease is closed, which releases the lock. */
    private long raiseEpoch() throws SQLException {
        try (PreparedStatement s = lease.prepareStatement(
                "UPDATE cluster_leader SET epoch = epoch + 1, node = ?, elected_at = now() WHERE id = 1 RETURNING epoch")) {
            s.setString(1, node);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new SQLException("the cluster_leader row is missing");
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            closeLease();
            throw e;
        }
    }

    /**
     * Settlement is stopped first: closing a connection to an unreachable server can take its socket timeout.
     *
     * @param release whether the connection still works, so the lock is released explicitly before it closes
     */
    private void stepDown(String why, boolean release) {
        leading = false;
        LOG.warn("cluster node {} steps down as settlement leader (epoch {}): {}", node, epoch, why);
        notifyDeposed();
        if (release) unlockAndClose();
        else closeLease();
    }

    private void notifyDeposed() {
        try {
            listener.deposed(epoch);
        } catch (RuntimeException e) {
            LOG.error("cluster node {}: stopping settlement after stepping down failed: {}", node, e.toString(), e);
        }
    }

    private void closeLease() {
        if (lease == null) return;
        try {
            lease.close();
        } catch (SQLException e) {
            LOG.debug("closing the leader lease connection: {}", e.toString());
        }
        lease = null;
    }

    /** Stops trying; a leader steps down (settlement stopped) and releases the lock by closing its connection. */
    @Override
    public void close() {
        ticks.shutdownNow();
        try {
            ticks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (leading) {   // settlement stopped before the lock is released: never two nodes running it
                leading = false;
                LOG.info("cluster node {} gives the lead up (epoch {}): the node is stopping", node, epoch);
                notifyDeposed();
                unlockAndClose();
            }
            closeLease();
        }
    }
}
