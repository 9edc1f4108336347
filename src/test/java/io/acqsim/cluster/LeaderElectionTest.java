package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.LedgerSettings;
import io.acqsim.ledger.TestPostgres;

/**
 * Two electors on one fresh PostgreSQL schema, driven tick by tick: exactly one leads; when the leader's lease
 * connection is killed on the server the other takes over with a higher epoch, and the old leader steps down at its
 * next check. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class LeaderElectionTest {
    @TempDir
    Path dir;

    private String url;
    private Ledger ledger;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private LeaderElection a;
    private LeaderElection b;

    @BeforeEach
    void schema() {
        LedgerSettings s = TestPostgres.freshLedger(dir);
        url = s.url();
        ledger = Ledger.open(s);   // migrates: cluster_leader exists
        a = elector("a");
        b = elector("b");
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (ledger != null) ledger.close();
    }

    private LeaderElection elector(String name) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "lease-" + name + "-" + url.hashCode());
        return new LeaderElection(() -> DriverManager.getConnection(url, p), name, new LeaderElection.Listener() {
            @Override
            public void elected(long epoch) {
                events.add(name + " elected " + epoch);
            }

            @Override
            public void deposed(long epoch) {
                events.add(name + " deposed " + epoch);
            }
        });
    }

    @Test
    void oneLeaderThenTheOtherWhenItsConnectionIsKilled() throws SQLException {
        a.tick();
        b.tick();
        a.tick();
        b.tick();
        assertTrue(a.leading());
        assertFalse(b.leading());
        assertEquals(1, a.epoch());
        assertEquals(List.of("a elected 1"), events);
        assertEquals("a", leaderRow());

        assertEquals(1, killLease("a"), "a's lease connection found on the server");
        b.tick();
        assertTrue(b.leading(), "b takes the lock the killed session held");
        assertEquals(2, b.epoch());
        a.tick();
        assertFalse(a.leading(), "a notices its lease is gone and steps down");
        assertEquals(List.of("a elected 1", "b elected 2", "a deposed 1"), events);
        assertEquals("b", leaderRow());

        a.tick();
        assertFalse(a.leading(), "a follows while b holds the lock");
        b.close();
        a.tick();
        assertTrue(a.leading(), "b closing gives the lead up");
        assertEquals(3, a.epoch());
        assertEquals("b deposed 2", events.get(3));
    }

    @Test
    void aFollowerWithoutTheDatabaseKeepsTrying() {
        LeaderElection broken = new LeaderElection(() -> {
            throw new SQLException("connection refused");
        }, "c", new LeaderElection.Listener() {
            @Override
            public void elected(long epoch) {
                events.add("c elected");
            }

            @Override
            public void deposed(long epoch) {
                events.add("c deposed");
            }
        });
        broken.tick();
        broken.tick();
        assertFalse(broken.leading());
        a.tick();
        assertTrue(a.leading());
        assertEquals(List.of("a elected 1"), events);
        broken.close();
    }

    @Test
    void anElectedNodeThatCannotStartGivesTheLeadUp() {
        LeaderElection failing = new LeaderElection(() -> DriverManager.getConnection(url), "f", new LeaderElection.Listener() {
            @Override
            public void elected(long epoch) {
                throw new IllegalStateException("settlement would not start");
            }

            @Override
            public void deposed(long epoch) {
                events.add("f deposed " + epoch);
            }
        });
        try {
            failing.tick();
            assertFalse(failing.leading());
            assertEquals(List.of("f deposed 1"), events);
            a.tick();
            assertTrue(a.leading(), "the lock was released");
            assertEquals(2, a.epoch());
        } finally {
            failing.close();
        }
    }

    private String leaderRow() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT node FROM cluster_leader WHERE id = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int killLease(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = 'lease-"
                     + name + "-" + url.hashCode() + "') t")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
