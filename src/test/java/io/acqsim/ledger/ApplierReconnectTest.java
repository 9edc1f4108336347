package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * On PostgreSQL the journal applier's connection can be dropped under it (a server restart, a network cut): it
 * reconnects, and the tables end with every recorded transaction exactly once. Skipped without a server.
 */
class ApplierReconnectTest {
    @TempDir
    Path dir;

    @Test
    void aDroppedApplierConnectionIsReplacedAndNothingIsAppliedTwice() throws Exception {
        try (Ledger ledger = Ledger.open(TestDatabase.POSTGRESQL.ledger(dir).withGroupMax(16))) {
            for (int n = 1; n <= 50; n++) record(ledger, n);
            assertEquals(50, ledger.transactions().size());

            assertTrue(dropApplierConnections() >= 1, "the applier's connection was there to drop");
            for (int n = 51; n <= 100; n++) record(ledger, n);

            List<TransactionRecord> all = ledger.transactions();   // waits until the tables hold every write
            assertEquals(100, all.size());
            assertEquals(100, all.stream().map(TransactionRecord::rrn).distinct().count());
        }
    }

    /** Ends every applier backend of the test database, as a server restart would; returns how many. */
    private static int dropApplierConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.requireUrl());
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE application_name = ? AND datname = current_database() AND pid <> pg_backend_pid()")) {
            ps.setString(1, LedgerSchema.APPLIER_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void record(Ledger ledger, int n) {
        ledger.record(new TransactionRecord("%012d".formatted(n), MessageKind.PURCHASE, Channel.CARD, "iso87a", "0200", "000000", "T0000001",
                "M00000000000001", "%06d".formatted(n), "1120100000", 1, 1_000, "156", "071", "622202******0123", ResponseCode.APPROVED,
                "123456", TransactionStatus.APPROVED, null, 0, LocalDate.of(2026, 11, 20), Instant.parse("2026-11-20T02:00:00Z").plusSeconds(n)));
    }
}
