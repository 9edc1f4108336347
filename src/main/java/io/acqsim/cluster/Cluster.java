package io.acqsim.cluster;

import java.time.Duration;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.clock.SimClock;
import io.acqsim.payout.DatabaseReceipts;
import io.acqsim.settlement.Settlement;

/**
 * This host's part in a cluster (issue 15): its {@link ClusterNode} row and heartbeat, and the {@link LeaderElection}
 * that makes it run settlement (cutovers, clearing, payouts) while it leads and stop when it does not. A node joins
 * with settlement not started; a follower never schedules a cutover or a payout.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Cluster.class);

    private final ClusterNode node;
    private final LeaderElection election;
    private final ClusterClock clock;

    private Cluster(ClusterNode node, LeaderElection election, ClusterClock clock) {
        this.node = node;
        this.election = election;
        this.clock = clock;
    }

    /**
     * What a node brings: the ledger's pool, how to open the election's own connection, its addresses, its terminal and
     * in-flight counts, its cutover acknowledgement, its (not started) settlement and the banks' receipts in the database.
     */
    public record Member(String name, DataSource db, LeaderElection.Connector lease, ClusterNode.Addresses at,
                         IntSupplier terminals, SimClock clock, CutoverAcknowledgement cutovers, Settlement settlement,
                         DatabaseReceipts receipts, Duration clearingWait) {
    }

    /**
     * Registers the node, makes clearing wait for the nodes' cutover acknowledgements, starts following (or, leading,
     * publishing) the cluster's clock, and starts trying for the lead.
     */
    public static Cluster join(Member m) {
        m.settlement().awaitBeforeClearing(new AcknowledgedCutovers(m.db(), m.clearingWait()));
        ClusterNode node = ClusterNode.join(m.db(), m.name(), m.at(), m.terminals(), m.cutovers()::current);
        LeaderElection election = new LeaderElection(m.lease(), m.name(), new LeaderElection.Listener() {
            @Override
            public void elected(long epoch) {
                m.receipts().sendAs(epoch);
                m.settlement().start();
                LOG.info("cluster node {} runs settlement (epoch {})", m.name(), epoch);
            }

            @Override
            public void deposed(long epoch) {
                m.settlement().stop();
                LOG.info("cluster node {} stopped settlement (epoch {} ended)", m.name(), epoch);
            }
        });
        ClusterClock clock = ClusterClock.start(m.db(), m.clock(), election::leading, election::epoch);
        return new Cluster(node, election.start(), clock);
    }

    public String name() {
        return node.name();
    }

    /** Whether this node leads settlement now. */
    public boolean leading() {
        return election.leading();
    }

    /** The epoch of this node's (last) lead; 0 if it never led. */
    public long epoch() {
        return election.epoch();
    }

    /** Gives the lead up (settlement stopped) and stops the heartbeat. */
    @Override
    public void close() {
        election.close();
        clock.close();
        node.close();
    }
}
