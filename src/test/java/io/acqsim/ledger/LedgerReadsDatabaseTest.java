package io.acqsim.ledger;

import io.acqsim.host.TestHost;

/** {@link LedgerReadsTest} on cluster mode's ledger: durable in a fresh PostgreSQL schema (skipped without ACQSIM_TEST_PG). */
class LedgerReadsDatabaseTest extends LedgerReadsTest {
    @Override
    LedgerSettings settings() {
        return new LedgerSettings(TestPostgres.freshSchema(), null, null, 16, TestHost.tempData().resolve("journal"), false, Durability.DATABASE);
    }
}
