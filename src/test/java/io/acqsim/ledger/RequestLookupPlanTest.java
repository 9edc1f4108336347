package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;

/**
 * Cluster mode's duplicate-request lookup is planned through the request identity's unique index even on a young
 * ledger whose tables PostgreSQL has no statistics for yet — the first minute of every new cluster. With the batch
 * index keyed (tid, batch_no) it was planned through that index, reading every row of the terminal for each purchase
 * until autovacuum analysed the table. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class RequestLookupPlanTest {

    @Test
    void theLookupOfAYoungLedgerProbesTheRequestIndexNotTheBatchIndex() throws Exception {
        String url = TestPostgres.freshSchema();
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, null, null, 16, TestHost.tempData().resolve("journal"), false, Durability.DATABASE));
             Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + RequestLookups.QUERY)) {
            ps.setArray(1, c.createArrayOf("varchar", new String[] {"T0000001", "T0000002"}));
            ps.setArray(2, c.createArrayOf("bpchar", new String[] {"000001", "000002"}));
            ps.setArray(3, c.createArrayOf("varchar", new String[] {"1120100000", "1"}));
            StringJoiner plan = new StringJoiner("\n");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) plan.add(rs.getString(1));
            }
            assertTrue(plan.toString().contains("ux_transactions_request"), plan.toString());
            assertFalse(plan.toString().contains("ix_transactions_batch"), plan.toString());
        }
    }
}
