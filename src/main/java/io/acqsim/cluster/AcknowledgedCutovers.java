package io.acqsim.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.settlement.CutoverBarrier;

/**
 * The leader's wait before clearing a business date: until every live node (heartbeat within
 * {@link ClusterNode#LIVE_WITHIN}, not stopped) has acknowledged a later date in {@code cluster_nodes}. Bounded by {@code maxWait}:
 * a node that is live but does not move on (its clock stuck, a request that never ends) is named in the log and the
 * date cleared without it; a node whose heartbeat stopped is not waited for at all.
 */
public final class AcknowledgedCutovers implements CutoverBarrier {
    private static final Logger LOG = LogManager.getLogger(AcknowledgedCutovers.class);
    private static final long POLL_MILLIS = 100;

    private final DataSource db;
    private final Duration maxWait;

    public AcknowledgedCutovers(DataSource db, Duration maxWait) {
        this.db = db;
        this.maxWait = maxWait;
    }

    @Override
    public void awaitPast(LocalDate businessDate) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        List<String> lagging;
        try {
            while (!(lagging = lagging(businessDate)).isEmpty()) {
                if (System.nanoTime() >= deadline) {
                    LOG.warn("clearing business date {} without the cutover acknowledgement of live nodes {} (waited {} s)", businessDate,
                            lagging, maxWait.toSeconds());
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            LOG.warn("cannot read the nodes' cutover acknowledgements before clearing {}: {}", businessDate, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live nodes that have not acknowledged a date after {@code businessDate}. */
    List<String> lagging(LocalDate businessDate) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT name FROM cluster_nodes
                WHERE stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => ?) AND (acknowledged_date IS NULL OR acknowledged_date <= ?)
                ORDER BY name""")) {
            s.setLong(1, ClusterNode.LIVE_WITHIN.toSeconds());
            s.setObject(2, businessDate, Types.DATE);
            try (ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        }
    }
}
