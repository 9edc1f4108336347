package io.acqsim.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests run on besides H2, when one is configured: {@code ACQSIM_TEST_PG} (environment) or
 * {@code acqsim.test.pg} (system property) holds a JDBC URL with its credentials, for example
 * {@code jdbc:postgresql://localhost:5432/acqsim_test?user=postgres}. {@code .ci/run} starts a server and sets it;
 * unset, the PostgreSQL cases are skipped. Each test gets a schema of its own on that database, so tests never see
 * each other's rows and need no clean-up to run again.
 */
public final class TestPostgres {
    private TestPostgres() {
    }

    /** The configured server's URL; empty when none is configured. */
    public static Optional<String> url() {
        String url = System.getProperty("acqsim.test.pg", System.getenv("ACQSIM_TEST_PG"));
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }

    /** The configured server's URL; the calling test is skipped when none is configured. */
    public static String requireUrl() {
        Optional<String> url = url();
        Assumptions.assumeTrue(url.isPresent(), "no PostgreSQL configured (ACQSIM_TEST_PG)");
        return url.get();
    }

    /** A new, empty schema on the configured server (the test is skipped without one); returns a URL whose connections use it. */
    public static String freshSchema() {
        String base = requireUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + base + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A one-host ledger on a fresh PostgreSQL schema, its journal in {@code dir}. */
    public static LedgerSettings freshLedger(Path dir) {
        return new LedgerSettings(freshSchema(), null, null, 256, dir.resolve("journal"), false);
    }
}
