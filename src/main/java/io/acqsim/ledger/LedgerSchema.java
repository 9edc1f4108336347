package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The ledger database's schema: Flyway migrations from {@code db/migration}, applied at open, for the
 * ledger's tables and the tables of the components that keep theirs in the same database.
 * <p>
 * Who owns which table: the ledger owns {@code transactions}, {@code reversals}, {@code terminal_state},
 * {@code batches} and {@code batch_uploads} — nothing outside {@code io.acqsim.ledger} runs SQL on them.
 * Clearing owns {@code clearing_runs} and {@code clearing}; payouts own {@code payouts},
 * {@code payout_reasons} and {@code payout_parts}; settlement owns {@code merchants}, which the ledger's
 * clearing aggregate reads (fee rates, bank, product) but never writes. {@code ledger_journal} holds how
 * far the journal is applied.
 */
final class LedgerSchema {
    private LedgerSchema() {
    }

    /**
     * Brings the schema up to date from the migrations of the database {@code url} names: the schema up to V9
     * per database ({@code db/migration/h2}: the history of one-host ledgers; {@code db/migration/postgresql}:
     * the same tables in one migration).
     */
    static void migrate(DataSource db, String url) {
        checkVendor(url);
        String vendor = LedgerUrl.isPostgres(url) ? "postgresql" : "h2";
        Flyway.configure().dataSource(db).locations("classpath:db/migration/" + vendor).load().migrate();
    }

    /** The ledger runs on H2 or PostgreSQL, the databases it has migrations for. */
    static void checkVendor(String url) {
        if (!LedgerUrl.isPostgres(url) && !LedgerUrl.isH2(url)) {
            throw new LedgerException("the ledger runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...), not "
                    + LedgerUrl.redacted(url) + " (ledger.url)", null);
        }
    }

    /** Transactions stored, to size the request filter. */
    static long transactionCount(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM transactions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * H2's page cache for the ledger, in KB, unless the URL sets {@code CACHE_SIZE}. H2's default (16 MB)
     * made the host's young garbage collections copy the pages the journal applier had just read or
     * written, which live in the cache for seconds: at 4,000 purchases/s the pauses were 10-30 ms every
     * 2.4 s, with 4 MB 6-10 ms, and the applier's CPU per purchase did not change (docs/BENCHMARKS.md).
     */
    static final int H2_CACHE_KB = 4096;

    /**
     * The driver properties every ledger connection gets: on PostgreSQL, JDBC batches of inserts are sent as
     * multi-row INSERTs ({@code reWriteBatchedInserts}), one round trip and one statement per batch instead of one
     * per row — how the journal applier and the cluster's group commit write.
     */
    static Properties connectionProperties(String url, String user, String password) {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        if (LedgerUrl.isPostgres(url)) {
            p.setProperty("reWriteBatchedInserts", "true");
            p.setProperty("ApplicationName", "acqsim");
        }
        return p;
    }

    /** The journal applier's connection as PostgreSQL shows it ({@code pg_stat_activity.application_name}). */
    static final String APPLIER_NAME = "acqsim-ledger-applier";

    /**
     * The journal applier's own connection. On H2 each commit is written to the file at once
     * ({@code WRITE_DELAY 0}): the journal segments an applied commit covers are deleted right after
     * it, so that commit must survive a {@code kill -9} as the journal would have. On PostgreSQL, for the
     * same reason, a commit returns only once it is in the server's write-ahead log on disk
     * ({@code synchronous_commit} on for this session, whatever the server's default): the applier
     * commits a few times a second, so this costs the hot path nothing.
     */
    static Connection writerConnection(String url, String user, String password) throws SQLException {
        Properties p = connectionProperties(url, user, password);
        if (LedgerUrl.isPostgres(url)) p.setProperty("ApplicationName", APPLIER_NAME);
        Connection wc = DriverManager.getConnection(url, p);
        try (Statement s = wc.createStatement()) {
            if (LedgerUrl.isH2(url)) {
                s.execute("SET WRITE_DELAY 0");
                if (!url.toUpperCase(java.util.Locale.ROOT).contains(";CACHE_SIZE=")) s.execute("SET CACHE_SIZE " + H2_CACHE_KB);
            } else if (LedgerUrl.isPostgres(url)) {
                s.execute("SET synchronous_commit = on");
            }
        } catch (SQLException e) {
            wc.close();
            throw e;
        }
        return wc;
    }
}
