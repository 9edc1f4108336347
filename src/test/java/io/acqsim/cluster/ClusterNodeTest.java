package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.PostgresLedger;

/**
 * A node's row: written at join, refreshed by the heartbeat (terminals, acknowledged date), marked stopped at close;
 * a second live node of one name is refused. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class ClusterNodeTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);
    private static final ClusterNode.Addresses AT = new ClusterNode.Addresses("127.0.0.1:8780", 8583, 8584);

    @RegisterExtension
    final PostgresLedger db = new PostgresLedger();

    @Test
    void joinsHeartbeatsStopsAndRefusesATwin() throws SQLException {
        AtomicInteger terminals = new AtomicInteger(3);
        ClusterNode n1 = ClusterNode.join(db.ledger().dataSource(), "n1", AT, terminals::get, () -> MONDAY);
        try {
            assertEquals("127.0.0.1:8780 8583 8584 3 2026-11-16 live", row("n1"));
            terminals.set(7);
            n1.heartbeat();
            assertEquals("127.0.0.1:8780 8583 8584 7 2026-11-16 live", row("n1"));
            ClusterException twin = assertThrows(ClusterException.class,
                    () -> ClusterNode.join(db.ledger().dataSource(), "n1", AT, terminals::get, () -> MONDAY));
            assertTrue(twin.getMessage().contains("node n1 is running already"), twin.getMessage());
        } finally {
            n1.close();
        }
        assertEquals("127.0.0.1:8780 8583 8584 7 2026-11-16 stopped", row("n1"));
        ClusterNode again = ClusterNode.join(db.ledger().dataSource(), "n1", AT, () -> 0, () -> MONDAY.plusDays(1));
        try {
            assertEquals("127.0.0.1:8780 8583 8584 0 2026-11-17 live", row("n1"), "a stopped node's name is free again");
        } finally {
            again.close();
        }
    }

    private String row(String name) throws SQLException {
        try (Connection c = db.ledger().dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT admin_address, cup_port, iso87a_port, terminals_connected, acknowledged_date, stopped_at FROM cluster_nodes WHERE name = '"
                        + name + "'")) {
            assertTrue(rs.next());
            assertNotNull(rs.getString(1));
            return rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getInt(4) + " " + rs.getObject(5, LocalDate.class) + " "
                    + (rs.getObject(6) == null ? "live" : "stopped");
        }
    }
}
