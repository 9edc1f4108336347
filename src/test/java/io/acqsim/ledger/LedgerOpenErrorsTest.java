package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger database that cannot be opened is one line saying why — server unreachable, credentials refused, database
 * missing — and no message ever shows a password the URL or the settings carry.
 */
class LedgerOpenErrorsTest {
    @TempDir
    Path dir;

    @Test
    void redactedUrlsKeepWhereTheDatabaseIsAndDropCredentials() {
        assertEquals("jdbc:postgresql://db:5432/acqsim?…", LedgerUrl.redacted("jdbc:postgresql://db:5432/acqsim?user=a&password=s3cret"));
        assertEquals("jdbc:postgresql://db/acqsim", LedgerUrl.redacted("jdbc:postgresql://a:s3cret@db/acqsim"));
        assertEquals("jdbc:postgresql://db/acqsim", LedgerUrl.redacted("jdbc:postgresql://db/acqsim"));
        assertEquals("jdbc:h2:file:/d/acqsim;DB_CLOSE_ON_EXIT=FALSE", LedgerUrl.redacted("jdbc:h2:file:/d/acqsim;PASSWORD=s3cret;DB_CLOSE_ON_EXIT=FALSE;user=sa"));
        assertEquals("jdbc:mysql:…", LedgerUrl.redacted("jdbc:mysql://u:s3cret@db/acqsim"));
    }

    @Test
    void anUnsupportedDatabaseIsNamedWithoutItsCredentials() {
        LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(settings("jdbc:mysql://u:s3cret@db/acqsim", null)));
        assertTrue(e.getMessage().contains("H2 (jdbc:h2:...) or PostgreSQL"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void anUnreachableServerSaysSo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        LedgerException e = assertThrows(LedgerException.class,
                () -> Ledger.open(settings("jdbc:postgresql://127.0.0.1:" + closed + "/acqsim?password=s3cret&connectTimeout=5", "s3cret")));
        assertOneLine(e, "cannot reach the database server");
    }

    @Test
    void refusedCredentialsSaySoAndNameWhereTheyComeFrom() {
        String url = withoutPassword(TestPostgres.requireUrl());
        assumeChecksPasswords(url, "s3cret");
        LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(settings(url, "s3cret")));
        assertOneLine(e, "the database refused the credentials");
        assertTrue(e.getMessage().contains("ACQSIM_LEDGER_PASSWORD"), e.getMessage());
    }

    @Test
    void noPasswordWhereTheServerWantsOneIsARefusalToo() {
        String url = TestPostgres.requireUrl().replaceAll("([?&])password=[^&]*&?", "$1").replaceAll("[?&]$", "");
        assumeChecksPasswords(url, "");
        LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(settings(url, "")));
        assertOneLine(e, "the database refused the credentials");
    }

    @Test
    void aMissingDatabaseSaysSo() {
        String base = TestPostgres.requireUrl();
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        String url = path.substring(0, path.lastIndexOf('/') + 1) + "acqsim_no_such_db" + (query < 0 ? "" : base.substring(query));
        LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(settings(url, null)));
        assertOneLine(e, "the database does not exist");
        assertTrue(e.getMessage().contains("acqsim_no_such_db"), e.getMessage());
    }

    private LedgerSettings settings(String url, String password) {
        return new LedgerSettings(url, null, password, 16, dir.resolve("journal"), false);
    }

    /** The URL with a password that is not the server's, so the server refuses it. */
    private static String withoutPassword(String url) {
        return url.replaceAll("([?&])password=[^&]*&?", "$1").replaceAll("[?&]$", "") + (url.contains("?") ? "&" : "?") + "password=s3cret";
    }

    /** Skips the test on a server that lets anyone in (trust authentication), where no credentials are refused. */
    private static void assumeChecksPasswords(String url, String password) {
        Properties p = new Properties();
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url, p)) {
            Assumptions.abort("the configured PostgreSQL server accepts any password (trust authentication)");
        } catch (SQLException expected) {
            // refused: the server checks passwords
        }
    }

    private static void assertOneLine(LedgerException e, String says) {
        assertTrue(e.getMessage().startsWith("cannot open the ledger at jdbc:postgresql://"), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        TestPostgres.url().ifPresent(real -> {
            int at = real.indexOf("password=");
            if (at >= 0) assertFalse(e.getMessage().contains(real.substring(at)), "the configured password leaked: " + e.getMessage());
        });
    }
}
