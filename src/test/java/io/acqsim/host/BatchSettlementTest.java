package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.message.BatchTotals;

/**
 * Terminal batch settlement (PRODUCT.md §4.2, reference/DOMAIN.md §1): a balanced 0500 closes the batch
 * and opens the next; an unbalanced one is 95 and keeps the batch for upload; the upload rows and the
 * closing message (iso87a 0500 3=960000, cup 0320 60.3=202) then close it. On cup the 0510 carries the
 * reconciliation code in field 48: 1 balanced, 2 unbalanced.
 */
class BatchSettlementTest extends SharedHostTest {
    /** The reconciliation code of a cup 0510's domestic block (n12 n3 n12 n3 n1). */
    private static char cupReconciliation(ISOMsg r) {
        String f48 = r.getString(48);
        assertEquals(62, f48.length(), "domestic and foreign blocks: " + f48);
        return f48.charAt(30);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void balancedSettlementClosesTheBatchAndOpensTheNext(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 10)) {
            t.signOn();
            int batch = t.batch;
            ISOMsg first = t.purchaseRequest(1_000, "051");
            String firstRrn = t.exchange(first).getString(37);
            assertEquals("00", t.purchase(2_000).getString(39));
            assertEquals("51", t.purchase(3_051).getString(39));
            String voided = t.purchase(4_000).getString(37);
            assertEquals("00", t.exchange(t.rf.voidSale(t.nextStan(), batch, 4_000, voided)).getString(39));
            ISOMsg reversed = t.purchaseRequest(5_000, "071");
            assertEquals("00", t.exchange(reversed).getString(39));
            assertEquals("00", t.exchange(t.rf.reversal(reversed, false)).getString(39));
            assertEquals("00", t.exchange(t.rf.refund(t.nextStan(), batch, 500, firstRrn)).getString(39));

            BatchTotals expected = new BatchTotals(2, 3_000, 1, 500);
            assertEquals(expected, t.ledger().batchTotals(t.tid, batch), "declined, voided and reversed are not counted");
            ISOMsg settle = t.rf.settle(t.nextStan(), batch, expected);
            ISOMsg r = t.exchange(settle);
            assertEquals("0510", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEquals(settle.getString(11), r.getString(11));
            assertEquals(t.tid, r.getString(41));
            if (p == Profile.ISO87A) {
                assertEquals(expected.toIso87a(), r.getString(63), "the host's totals");
            } else {
                assertEquals('1', cupReconciliation(r), "balanced");
            }
            assertEquals("CLOSED", t.ledger().batchStatus(t.tid, batch));
            assertEquals(batch + 1, t.ledger().openBatch(t.tid).orElseThrow());
            assertEquals("OPEN", t.ledger().batchStatus(t.tid, batch + 1));

            ISOMsg stale = t.purchaseRequest(1_100, "051");
            assertEquals("77", t.exchange(stale).getString(39), "the closed batch takes no more sales");
            t.batch = batch + 1;
            ISOMsg next = t.purchaseRequest(1_200, "051");
            assertEquals("00", t.exchange(next).getString(39));
            assertEquals(batch + 1, t.recorded(next).batchNumber());
            assertEquals(new BatchTotals(1, 1_200, 0, 0), t.ledger().batchTotals(t.tid, batch + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void emptyBatchSettlesBalanced(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 20)) {
            t.signOn();
            ISOMsg r = t.exchange(t.rf.settle(t.nextStan(), t.batch, BatchTotals.ZERO));
            assertEquals("00", r.getString(39));
            if (p == Profile.CUP) assertEquals('1', cupReconciliation(r));
            assertEquals("CLOSED", t.ledger().batchStatus(t.tid, t.batch));
            assertEquals(t.batch + 1, t.ledger().openBatch(t.tid).orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void unbalancedSettlementIs95ThenUploadAndCloseEndTheBatch(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 30)) {
            t.signOn();
            int batch = t.batch;
            List<ISOMsg> sales = new ArrayList<>();
            for (long amount : new long[] {1_000, 2_000}) {
                ISOMsg sale = t.purchaseRequest(amount, "051");
                assertEquals("00", t.exchange(sale).getString(39));
                sales.add(sale);
            }
            BatchTotals terminalTotals = new BatchTotals(1, 1_000, 0, 0);
            BatchTotals hostTotals = new BatchTotals(2, 3_000, 0, 0);

            ISOMsg r = t.exchange(t.rf.settle(t.nextStan(), batch, terminalTotals));
            assertEquals("0510", r.getMTI());
            assertEquals("95", r.getString(39));
            if (p == Profile.ISO87A) {
                assertEquals(hostTotals.toIso87a(), r.getString(63), "the host's totals, for the terminal to compare");
            } else {
                assertEquals('2', cupReconciliation(r), "unbalanced");
            }
            assertEquals(batch, t.ledger().openBatch(t.tid).orElseThrow(), "the batch stays open");
            assertNotEquals("CLOSED", t.ledger().batchStatus(t.tid, batch));
            assertTrue(t.ledger().batchStatus(t.tid, batch + 1) == null, "no next batch yet");

            for (ISOMsg sale : sales) {
                ISOMsg up = t.rf.upload(t.nextStan(), batch, sale.getString(11), TestTerminal.PAN, Long.parseLong(sale.getString(4)), "000000");
                ISOMsg ur = t.exchange(up);
                assertEquals("0330", ur.getMTI());
                assertEquals("00", ur.getString(39));
            }
            assertEquals(batch, t.ledger().openBatch(t.tid).orElseThrow(), "uploads do not close the batch");

            ISOMsg close = t.rf.closeBatch(t.nextStan(), batch, terminalTotals, sales.size());
            ISOMsg cr = t.exchange(close);
            assertEquals(p == Profile.ISO87A ? "0510" : "0330", cr.getMTI());
            assertEquals("00", cr.getString(39));
            assertEquals("CLOSED_UNBALANCED", t.ledger().batchStatus(t.tid, batch));
            assertEquals(batch + 1, t.ledger().openBatch(t.tid).orElseThrow());
            assertEquals("OPEN", t.ledger().batchStatus(t.tid, batch + 1));
            assertEquals(hostTotals, t.ledger().batchTotals(t.tid, batch), "settling changes no transaction");
            assertEquals(2, t.rows().size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void settlementOfAnotherBatchIs77(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 40)) {
            t.signOn();
            assertEquals("00", t.purchase(1_000).getString(39));
            ISOMsg r = t.exchange(t.rf.settle(t.nextStan(), t.batch + 1, new BatchTotals(1, 1_000, 0, 0)));
            assertEquals("77", r.getString(39));
            if (p == Profile.CUP) assertEquals(CupHeader.SIGN_ON_AGAIN, CupHeader.processingRequirement(r.getHeader()));
            assertEquals("OPEN", t.ledger().batchStatus(t.tid, t.batch));
            assertEquals(t.batch, t.ledger().openBatch(t.tid).orElseThrow());
        }
    }
}
