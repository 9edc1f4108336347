package io.acqsim.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.clock.ClockMode;
import io.acqsim.clock.SimClock;

/**
 * The simulated clock as state in the database ({@code cluster_clock}), so every node stamps the same time and agrees
 * on business dates: simulated now = {@code anchor_sim + (wall-clock now - anchor_wall) × rate}. The leader owns
 * moves: every {@link #POLL} it publishes its clock's anchor when it changed (a clock move, or the scheduler running
 * a job at its due instant); every other node reads the row as often and re-anchors its own {@link SimClock} on it
 * (reads stay lock-free). The anchors are translated between machines through the wall clock, so the nodes' wall
 * clocks must agree (NTP) to the precision the simulation needs; a translation that would move a clock backwards
 * leaves it standing instead.
 */
public final class ClusterClock implements AutoCloseable {
    /** How often the leader publishes and the others follow. */
    public static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LogManager.getLogger(ClusterClock.class);

    private final DataSource db;
    private final SimClock clock;
    private final BooleanSupplier leading;
    private final LongSupplier epoch;
    private final ScheduledExecutorService ticks;
    private SimClock.Anchor published;   // the ticks' thread only
    private long version;
    private boolean failing;

    private ClusterClock(DataSource db, SimClock clock, BooleanSupplier leading, LongSupplier epoch, long version) {
        this.db = db;
        this.clock = clock;
        this.leading = leading;
        this.epoch = epoch;
        this.version = version;
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("acqsim-cluster-clock").unstarted(r));
    }

    /**
     * The clock a node starts with: the cluster's (read from the row), or, for the first node of a ledger, one started
     * at {@code start} in {@code mode}, written to the row.
     *
     * @throws ClusterException if the cluster's clock runs in another mode than {@code mode} (every node must be started
     *                          with the same {@code --clock}), or the database cannot be read
     */
    public static SimClock startingClock(DataSource db, ClockMode mode, Instant start, ZoneId zone) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String rowMode;
                Instant sim;
                Instant wall;
                double rate;
                try (PreparedStatement s = c.prepareStatement("SELECT mode, anchor_sim, anchor_wall, rate FROM cluster_clock WHERE id = 1 FOR UPDATE");
                     ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) throw new SQLException("the cluster_clock row is missing");
                    rowMode = rs.getString(1);
                    sim = rowMode == null ? null : rs.getTimestamp(2).toInstant();
                    wall = rowMode == null ? null : rs.getTimestamp(3).toInstant();
                    rate = rs.getDouble(4);
                }
                if (rowMode == null) {
                    SimClock first = new SimClock(mode, start, zone);
                    write(c, mode, first.anchor(), null);
                    c.commit();
                    LOG.info("cluster clock started: {} from {}", mode, start);
                    return first;
                }
                c.commit();
                if (rate != mode.rate()) {
                    throw new ClusterException("the cluster's simulated clock runs " + rowMode + "; start this node with --clock " + rowMode
                            + " (it was started with " + mode + ")", null);
                }
                Instant now = sim.plusNanos((long) (Duration.between(wall, Instant.now()).toNanos() * rate));
                LOG.info("following the cluster's clock: {}, now {}", rowMode, now);
                return new SimClock(mode, now, zone);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ClusterException("cannot read the cluster's clock: " + e.getMessage(), e);
        }
    }

    /**
     * Starts publishing (while {@code leading}) or following (otherwise) every {@link #POLL}.
     *
     * @param epoch the leader epoch this node leads with: a publication is made only while it is the cluster's
     */
    public static ClusterClock start(DataSource db, SimClock clock, BooleanSupplier leading, LongSupplier epoch) {
        ClusterClock c = new ClusterClock(db, clock, leading, epoch, 0);
        c.ticks.scheduleWithFixedDelay(c::tick, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    /** One publication or follow. Package-private for tests. */
    synchronized void tick() {
        try {
            if (leading.getAsBoolean()) publish();
            else follow();
            if (failing) LOG.info("cluster clock: the database answers again");
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) LOG.warn("cluster clock: cannot {} the clock: {}", leading.getAsBoolean() ? "publish" : "follow", e.getMessage());
            failing = true;
        }
    }

    private void publish() throws SQLException {
        SimClock.Anchor a = clock.anchor();
        if (a.equals(published)) return;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            Long v = write(c, clock.mode(), a, epoch.getAsLong());
            if (v != null) version = v;
        }
        published = a;
    }

    private void follow() throws SQLException {
        published = null;   // leading again later publishes at once
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT version, anchor_sim, anchor_wall FROM cluster_clock WHERE id = 1 AND version > ?")) {
            s.setLong(1, version);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return;
                Instant sim = rs.getTimestamp(2).toInstant();
                Instant wall = rs.getTimestamp(3).toInstant();
                long realNanos = System.nanoTime() - Duration.between(wall, Instant.now()).toNanos();
                clock.follow(new SimClock.Anchor(sim, realNanos));
                version = rs.getLong(1);
            }
        }
    }

    /**
     * Writes {@code a} as the cluster's clock; with {@code leaderEpoch}, only while that is still the cluster's epoch (a
     * deposed leader that has not noticed yet moves nobody's clock). Returns the row's new version, null if not written.
     */
    private static Long write(Connection c, ClockMode mode, SimClock.Anchor a, Long leaderEpoch) throws SQLException {
        Instant wall = Instant.now().minusNanos(System.nanoTime() - a.realNanos());
        try (PreparedStatement s = c.prepareStatement("UPDATE cluster_clock SET mode = ?, anchor_sim = ?, anchor_wall = ?, rate = ?, version = version + 1"
                + " WHERE id = 1" + (leaderEpoch == null ? "" : " AND (SELECT epoch FROM cluster_leader WHERE id = 1) = ?") + " RETURNING version")) {
            s.setString(1, mode.name());
            s.setTimestamp(2, Timestamp.from(a.sim()));
            s.setTimestamp(3, Timestamp.from(wall));
            s.setDouble(4, mode.rate());
            if (leaderEpoch != null) s.setLong(5, leaderEpoch);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        try {
            ticks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
