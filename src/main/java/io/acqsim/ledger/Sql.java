package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.logging.log4j.Logger;

/** Small JDBC helpers of the ledger's writers. */
final class Sql {
    private Sql() {
    }

    /** Runs {@code sql} with its arguments in order; returns the number of rows changed. */
    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }

    /**
     * Closes a connection that failed or is no longer wanted, logging (at debug) rather than throwing what closing
     * it says; returns null, so a worker can write {@code c = closeQuietly(c, ...)} and open a new one next time.
     */
    static Connection closeQuietly(Connection c, Logger log, String what) {
        if (c == null) return null;
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing {}: {}", what, e.getMessage());
        }
        return null;
    }

    /** Waits up to {@code eachMillis} for each of {@code threads} to end; stops waiting when interrupted (and keeps the flag). */
    static void join(List<Thread> threads, long eachMillis) {
        for (Thread t : threads) {
            try {
                t.join(eachMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** An instant as the TIMESTAMP WITH TIME ZONE the ledger stores: at UTC. */
    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
