package io.acqsim.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * This host as a node of the cluster: its row in {@code cluster_nodes}, written at start and refreshed by a heartbeat
 * every {@link #HEARTBEAT} with the terminals connected to it and the business date it has acknowledged. Other nodes
 * count it as live while its heartbeat is younger than {@link #LIVE_WITHIN} (the database's clock decides, so the
 * machines' clocks need not agree) and it has not stopped ({@code stopped_at}, set by {@link #close}). A heartbeat
 * that fails (the database unreachable) is logged and tried again. Two live nodes never share a name.
 */
public final class ClusterNode implements AutoCloseable {
    /** How often a node refreshes its row. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A node whose heartbeat is older than this is not live: it is not waited for, and {@code /api/cluster} says so. */
    public static final Duration LIVE_WITHIN = Duration.ofSeconds(5);
    private static final Logger LOG = LogManager.getLogger(ClusterNode.class);

    /** Where the node takes requests: its admin API ({@code host:port}) and its terminal ports. */
    public record Addresses(String admin, int cupPort, int iso87aPort) {
    }

    private final DataSource db;
    private final String name;
    private final IntSupplier terminals;
    private final Supplier<LocalDate> acknowledged;
    private final ScheduledExecutorService beat;
    private volatile boolean failing;

    private ClusterNode(DataSource db, String name, IntSupplier terminals, Supplier<LocalDate> acknowledged) {
        this.db = db;
        this.name = name;
        this.terminals = terminals;
        this.acknowledged = acknowledged;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("acqsim-cluster-heartbeat").unstarted(r));
    }

    /**
     * Registers the node (its row replaced if the name ran before) and starts its heartbeat.
     *
     * @param terminals    terminal connections open on this node now
     * @param acknowledged the business date this node has moved into ({@link CutoverAcknowledgement})
     * @throws ClusterException if a live node has this name already (or the database refuses)
     */
    public static ClusterNode join(DataSource db, String name, Addresses at, IntSupplier terminals, Supplier<LocalDate> acknowledged) {
        // the row is replaced only when the name is free: no row, a stopped node, or a heartbeat gone stale
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO cluster_nodes AS n (name, started_at, heartbeat_at, stopped_at, admin_address, cup_port, iso87a_port,
                                                terminals_connected, acknowledged_date)
                VALUES (?, now(), now(), NULL, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET started_at = now(), heartbeat_at = now(), stopped_at = NULL,
                    admin_address = EXCLUDED.admin_address, cup_port = EXCLUDED.cup_port, iso87a_port = EXCLUDED.iso87a_port,
                    terminals_connected = EXCLUDED.terminals_connected, acknowledged_date = EXCLUDED.acknowledged_date
                WHERE n.stopped_at IS NOT NULL OR n.heartbeat_at <= now() - make_interval(secs => ?)""")) {
            c.setAutoCommit(true);
            s.setString(1, name);
            s.setString(2, at.admin());
            s.setInt(3, at.cupPort());
            s.setInt(4, at.iso87aPort());
            s.setInt(5, terminals.getAsInt());
            s.setObject(6, acknowledged.get(), Types.DATE);
            s.setLong(7, LIVE_WITHIN.toSeconds());
            if (s.executeUpdate() == 0) {
                throw new ClusterException("node " + name + " is running already (its heartbeat is younger than " + LIVE_WITHIN.toSeconds()
                        + " s): give this node another --node name, or, if that node was just killed, start again in a few seconds", null);
            }
        } catch (SQLException e) {
            throw new ClusterException("cannot register node " + name + " in the cluster: " + e.getMessage(), e);
        }
        ClusterNode node = new ClusterNode(db, name, terminals, acknowledged);
        node.beat.scheduleWithFixedDelay(node::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("cluster node {} joined: admin {}, cup {}, iso87a {}", name, at.admin(), at.cupPort(), at.iso87aPort());
        return node;
    }

    public String name() {
        return name;
    }

    /** Refreshes the row now (the heartbeat's work; tests call it to skip a wait). */
    void heartbeat() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE cluster_nodes SET heartbeat_at = now(), terminals_connected = ?, acknowledged_date = ? WHERE name = ?")) {
            c.setAutoCommit(true);
            s.setInt(1, terminals.getAsInt());
            s.setObject(2, acknowledged.get(), Types.DATE);
            s.setString(3, name);
            s.executeUpdate();
            if (failing) LOG.info("cluster node {}: heartbeat written again", name);
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) LOG.warn("cluster node {}: cannot write its heartbeat ({}); other nodes will count it as gone after {} s", name,
                    e.getMessage(), LIVE_WITHIN.toSeconds());
            failing = true;
        }
    }

    /** Stops the heartbeat and marks the row stopped (the row stays, for {@code /api/cluster}); a failure is logged. */
    @Override
    public void close() {
        beat.shutdownNow();
        try {
            beat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE cluster_nodes SET stopped_at = now() WHERE name = ?")) {
            c.setAutoCommit(true);
            s.setString(1, name);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("cluster node {}: cannot mark itself stopped ({}); others count it gone after {} s", name, e.getMessage(), LIVE_WITHIN.toSeconds());
        }
    }
}
