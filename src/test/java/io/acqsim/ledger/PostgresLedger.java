package io.acqsim.ledger;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A one-host ledger on a fresh PostgreSQL schema for each test, closed after it; the test is skipped without a
 * configured server ({@link TestPostgres}). Register it with {@code @RegisterExtension final PostgresLedger db = new
 * PostgresLedger();} and use {@link #ledger()}.
 */
public final class PostgresLedger implements BeforeEachCallback, AfterEachCallback {
    private Ledger ledger;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ledger = Ledger.open(TestPostgres.freshLedger(Files.createTempDirectory("acqsim-pg-ledger")));   // the journal's directory
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ledger != null) ledger.close();
        ledger = null;
    }

    public Ledger ledger() {
        return ledger;
    }
}
