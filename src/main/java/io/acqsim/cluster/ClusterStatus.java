package io.acqsim.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The cluster as the shared database shows it, for {@code GET /api/cluster} and for the admin API's forwarding: every
 * node that ever ran on this ledger ({@code cluster_nodes}) and the leader ({@code cluster_leader}, and whether the
 * leader's lease, the advisory lock of {@link LeaderElection}, is held right now). Ages and liveness are measured
 * with the database's clock, as {@link ClusterNode} writes the heartbeats with it, so the machines' clocks need not
 * agree. Read-only; any node may read it at any time.
 */
public final class ClusterStatus {
    private ClusterStatus() {
    }

    /**
     * One node's row.
     *
     * @param heartbeatAge how long ago its last heartbeat was written (database clock)
     * @param live         whether that heartbeat is younger than {@link ClusterNode#LIVE_WITHIN}
     */
    public record Node(String name, String adminAddress, Integer cupPort, Integer iso87aPort, Instant startedAt, Instant heartbeatAt,
                       Duration heartbeatAge, boolean live, int terminalsConnected, LocalDate acknowledgedDate) {
    }

    /**
     * The last node elected, with its epoch and when it was elected; {@code leaseHeld} whether some session holds the
     * leader lock now (false after the leader stopped or died and before another node took the lock). {@code node}
     * is null (epoch 0) until a first node has led.
     */
    public record Leader(String node, long epoch, Instant since, boolean leaseHeld) {
    }

    /** What the tables said at {@code readAt} (database clock). */
    public record Snapshot(Instant readAt, List<Node> nodes, Leader leader) {
        public Optional<Node> node(String name) {
            return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
        }

        /**
         * The node that leads now: the last one elected, while the lease is held and its heartbeat is live; empty when
         * there is none (no node led yet, the leader stopped or died and no other has taken over yet).
         */
        public Optional<Node> activeLeader() {
            if (leader.node() == null || !leader.leaseHeld()) return Optional.empty();
            return node(leader.node()).filter(Node::live);
        }

        /** Live nodes other than {@code self}, by name. */
        public List<Node> livePeers(String self) {
            return nodes.stream().filter(n -> n.live() && !n.name().equals(self)).toList();
        }
    }

    /**
     * Reads the nodes, the leader and the lease in one transaction.
     *
     * @throws ClusterException when the database cannot be read
     */
    public static Snapshot read(DataSource db) {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Snapshot s = read(c);
                c.commit();
                return s;
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new ClusterException("cannot read the cluster's nodes and leader: " + e.getMessage(), e);
        }
    }

    private static Snapshot read(Connection c) throws SQLException {
        Instant now;
        List<Node> nodes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT now(), name, admin_address, cup_port, iso87a_port, started_at, heartbeat_at,
                       EXTRACT(EPOCH FROM (now() - heartbeat_at)) * 1000, heartbeat_at > now() - make_interval(secs => ?),
                       terminals_connected, acknowledged_date
                FROM cluster_nodes ORDER BY name""")) {
            s.setLong(1, ClusterNode.LIVE_WITHIN.toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                now = null;
                while (rs.next()) {
                    now = instant(rs, 1);
                    nodes.add(new Node(rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), (Integer) rs.getObject(5), instant(rs, 6),
                            instant(rs, 7), Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(8)))), rs.getBoolean(9), rs.getInt(10),
                            rs.getObject(11, LocalDate.class)));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT now(), l.node, l.epoch, l.elected_at,
                       EXISTS (SELECT 1 FROM pg_locks k
                               WHERE k.locktype = 'advisory' AND k.granted AND k.objsubid = 2
                                 AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                 AND k.classid::text::bigint = ?
                                 AND k.objid::text::bigint = (hashtext(current_schema())::bigint & 4294967295))
                FROM cluster_leader l WHERE l.id = 1""")) {
            s.setLong(1, LeaderElection.LOCK_CLASS);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new SQLException("the cluster_leader row is missing");
                if (now == null) now = instant(rs, 1);
                return new Snapshot(now, List.copyOf(nodes), new Leader(rs.getString(2), rs.getLong(3), instant(rs, 4), rs.getBoolean(5)));
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
