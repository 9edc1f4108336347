package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.TestPostgres;

/**
 * The leader's wait before clearing: live nodes that have not acknowledged a later date hold it, for at most the
 * bound; nodes whose heartbeat stopped are not waited for. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class AcknowledgedCutoversTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

    @TempDir
    Path dir;

    private Ledger ledger;

    @BeforeEach
    void open() throws SQLException {
        ledger = Ledger.open(TestPostgres.freshLedger(dir));
        sql("INSERT INTO cluster_nodes (name, started_at, heartbeat_at, acknowledged_date) VALUES"
                + " ('moved', now(), now(), DATE '2026-11-17'), ('lagging', now(), now(), DATE '2026-11-16'),"
                + " ('new', now(), now(), NULL), ('gone', now(), now() - interval '1 minute', DATE '2026-11-10')");
    }

    @AfterEach
    void close() {
        if (ledger != null) ledger.close();
    }

    private void sql(String s) throws SQLException {
        try (Connection c = ledger.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(s);
        }
    }

    @Test
    void liveNodesThatHaveNotMovedOnHoldTheClearingForAtMostTheBound() throws SQLException {
        AcknowledgedCutovers barrier = new AcknowledgedCutovers(ledger.dataSource(), Duration.ofMillis(300));
        assertEquals(List.of("lagging", "new"), barrier.lagging(MONDAY));
        assertEquals(List.of("new"), barrier.lagging(MONDAY.minusDays(1)), "a node that has not said which date it is in is waited for");
        long t0 = System.nanoTime();
        barrier.awaitPast(MONDAY);
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= 300 && waited < 5_000, "bounded wait: " + waited + " ms");

        sql("UPDATE cluster_nodes SET acknowledged_date = DATE '2026-11-17'");
        sql("UPDATE cluster_nodes SET acknowledged_date = DATE '2026-11-10' WHERE name = 'gone'");
        t0 = System.nanoTime();
        new AcknowledgedCutovers(ledger.dataSource(), Duration.ofSeconds(30)).awaitPast(MONDAY);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1_000, "every live node moved on: no wait (the stale one is not waited for)");
    }
}
