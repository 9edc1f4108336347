package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.acqsim.clock.ClockMode;
import io.acqsim.clock.SimClock;
import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.PostgresLedger;

/**
 * The cluster's clock in the database: the first node writes it, later nodes start on it and must run the same mode;
 * the leader's moves reach a follower through the row, and a follower's clock never moves backwards. Skipped without a
 * PostgreSQL server (ACQSIM_TEST_PG).
 */
class ClusterClockTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant NINE = Instant.parse("2026-11-16T01:00:00Z");

    @RegisterExtension
    final PostgresLedger db = new PostgresLedger();

    @Test
    void laterNodesStartOnTheFirstNodesClockInTheSameMode() {
        SimClock first = ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.MANUAL, NINE, ZONE);
        assertEquals(NINE, first.instant());
        SimClock second = ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.MANUAL, NINE.plusSeconds(86_400), ZONE);
        assertEquals(NINE, second.instant(), "the cluster's clock, not this node's --start");
        ClusterException e = assertThrows(ClusterException.class,
                () -> ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.parse("fast:60"), NINE, ZONE));
        assertTrue(e.getMessage().contains("--clock manual") && e.getMessage().contains("fast:60"), e.getMessage());
    }

    @Test
    void theLeadersMovesReachAFollowerWhichNeverGoesBack() {
        SimClock leaderClock = ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.MANUAL, NINE, ZONE);
        SimClock followerClock = ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.MANUAL, NINE, ZONE);
        try (ClusterClock leader = ClusterClock.start(db.ledger().dataSource(), leaderClock, () -> true, () -> 0);
             ClusterClock follower = ClusterClock.start(db.ledger().dataSource(), followerClock, () -> false, () -> 0)) {
            leaderClock.moveTo(NINE.plusSeconds(3600));
            leader.tick();
            follower.tick();
            assertEquals(NINE.plusSeconds(3600), followerClock.instant());

            followerClock.moveTo(NINE.plusSeconds(7200));   // a local move the cluster does not know
            leaderClock.moveTo(NINE.plusSeconds(5400));
            leader.tick();
            follower.tick();
            assertEquals(NINE.plusSeconds(7200), followerClock.instant(), "following never moves a clock backwards");
        }
    }

    @Test
    void aDeposedLeaderMovesNobodysClock() {
        SimClock stale = ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.MANUAL, NINE, ZONE);
        SimClock other = ClusterClock.startingClock(db.ledger().dataSource(), ClockMode.MANUAL, NINE, ZONE);
        try (ClusterClock old = ClusterClock.start(db.ledger().dataSource(), stale, () -> true, () -> 7);   // the row's epoch is 0
             ClusterClock follower = ClusterClock.start(db.ledger().dataSource(), other, () -> false, () -> 0)) {
            stale.moveTo(NINE.plusSeconds(3600));
            old.tick();
            follower.tick();
            assertEquals(NINE, other.instant());
        }
    }
}
