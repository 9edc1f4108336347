package io.acqsim.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.PostgresLedger;

/**
 * The banks' receipts in the cluster's database: each credit id once, and the fence — credits sent under a leader
 * epoch lower than the highest the bank has seen are refused, whole. Two {@link DatabaseReceipts} on one schema stand
 * for the old and the new leader. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class DatabaseReceiptsTest {
    private static final Instant AT = Instant.parse("2026-09-30T02:00:00Z");

    @RegisterExtension
    final PostgresLedger db = new PostgresLedger();

    private static BankReceipts.Receipt receipt(String creditId, long amount) {
        return new BankReceipts.Receipt(creditId, creditId.replaceAll("/.*", ""), "PSBC", "898310000000001", amount, "156", AT);
    }

    @Test
    void aStaleLeaderIsRefusedAndTheNewOneDoesNotPayTwice() {
        DatabaseReceipts old = new DatabaseReceipts(db.ledger().dataSource());
        DatabaseReceipts next = new DatabaseReceipts(db.ledger().dataSource());
        old.sendAs(1);
        assertEquals(List.of(receipt("P1", 100)), old.credit(List.of(receipt("P1", 100))));

        next.sendAs(2);   // the new leader speaks to the bank as it takes over
        StaleLeader refused = assertThrows(StaleLeader.class, () -> old.credit(List.of(receipt("P2", 200), receipt("P3", 300))));
        assertTrue(refused.getMessage().contains("epoch 1") && refused.getMessage().contains("epoch 2"), refused.getMessage());
        assertTrue(next.find("P2").isEmpty() && next.find("P3").isEmpty(), "nothing of the refused batch was credited");

        assertEquals(100, next.find("P1").orElseThrow().amount(), "the new leader finds the old leader's credit");
        assertEquals(List.of(receipt("P2", 200)), next.credit(List.of(receipt("P1", 100), receipt("P2", 200))),
                "P1 is not credited again, P2 is credited now");
        assertEquals(List.of("P1", "P2"), next.all().stream().map(BankReceipts.Receipt::creditId).toList());
        assertThrows(StaleLeader.class, () -> old.sendAs(1), "the old leader cannot lower the fence");
    }

    @Test
    void aCreditIdIsCreditedOnceEvenInOneBatch() {
        DatabaseReceipts r = new DatabaseReceipts(db.ledger().dataSource());
        r.sendAs(1);
        assertEquals(List.of(receipt("P1", 100), receipt("P1/2", 50)), r.credit(List.of(receipt("P1", 100), receipt("P1", 100), receipt("P1/2", 50))));
        assertEquals(List.of(), r.credit(List.of(receipt("P1/2", 50))));
        assertEquals(2, r.all().size());
    }
}
