package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.BatchTotals;

/**
 * Reversals 0400/0401 (PRODUCT.md §4.2): an approved sale is taken out of settlement, repeats are
 * idempotent, an unknown original changes nothing, and a late issuer approval after the reversal never
 * leaves the sale APPROVED.
 */
class ReversalTest extends SharedHostTest {
    private static void assertEchoes(ISOMsg request, ISOMsg response) {
        assertEchoes(request, response, 3, 4, 11, 41, 42);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void reversalOfAnApprovedSaleTakesItOutOfTheBatchAndRepeatsAreIdempotent(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 10)) {
            t.signOn();
            ISOMsg reversedSale = t.purchaseRequest(5_000, "051");
            assertEquals("00", t.exchange(reversedSale).getString(39));
            ISOMsg keptSale = t.purchaseRequest(3_000, "071");
            assertEquals("00", t.exchange(keptSale).getString(39));
            assertEquals(new BatchTotals(2, 8_000, 0, 0), t.ledger().batchTotals(t.tid, t.batch));
            long reversalsBefore = t.ledger().reversalCount();

            ISOMsg rev = t.rf.reversal(reversedSale, false);
            ISOMsg r = t.exchange(rev);
            assertEquals("0410", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(rev, r);
            assertEquals(TransactionStatus.REVERSED, t.recorded(reversedSale).status());
            assertEquals(TransactionStatus.APPROVED, t.recorded(keptSale).status());
            assertEquals(new BatchTotals(1, 3_000, 0, 0), t.ledger().batchTotals(t.tid, t.batch), "the reversed sale is out of the batch");

            ISOMsg repeat = t.rf.reversal(reversedSale, true);
            assertEquals(p == Profile.ISO87A ? "0401" : "0400", repeat.getMTI());
            ISOMsg rr = t.exchange(repeat);
            assertEquals("0410", rr.getMTI());
            assertEquals("00", rr.getString(39));
            assertEquals(TransactionStatus.REVERSED, t.recorded(reversedSale).status());
            assertEquals(new BatchTotals(1, 3_000, 0, 0), t.ledger().batchTotals(t.tid, t.batch));
            assertEquals(2, t.rows().size(), "a reversal adds no transaction");
            assertEquals(reversalsBefore + 2, t.ledger().reversalCount(), "each reversal is logged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void reversalOfAnUnknownOriginalIs25AndChangesNothing(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 20)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(6_000, "051");
            assertEquals("00", t.exchange(sale).getString(39));
            List<TransactionRecord> before = t.rows();

            ISOMsg neverSent = t.purchaseRequest(6_000, "051");
            ISOMsg r = t.exchange(t.rf.reversal(neverSent, false));
            assertEquals("0410", r.getMTI());
            assertEquals("25", r.getString(39));
            assertEquals(before, t.rows(), "the ledger's transactions are unchanged");
            assertEquals(new BatchTotals(1, 6_000, 0, 0), t.ledger().batchTotals(t.tid, t.batch));
        }
    }

    /** Reordered across connections: the 0400 arrives first (25); the sale arriving after it never settles. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void anOriginalArrivingAfterItsReversalIsRecordedReversed(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 25)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(7_000, "051");
            assertEquals("25", t.exchange(t.rf.reversal(sale, false)).getString(39));
            t.exchange(sale);
            assertEquals(TransactionStatus.REVERSED, t.recorded(sale).status());
            assertEquals(BatchTotals.ZERO, t.ledger().batchTotals(t.tid, t.batch));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void reversalOfADeclinedSaleIs00AndLeavesItDeclined(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 30)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(6_105, "051");
            assertEquals("05", t.exchange(sale).getString(39));
            assertEquals("00", t.exchange(t.rf.reversal(sale, false)).getString(39));
            assertEquals(TransactionStatus.DECLINED, t.recorded(sale).status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void reversalOfAVoidRestoresTheSale(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 40)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(7_000, "051");
            String rrn = t.exchange(sale).getString(37);
            ISOMsg v = t.rf.voidSale(t.nextStan(), t.batch, 7_000, rrn);
            assertEquals("00", t.exchange(v).getString(39));
            assertEquals(TransactionStatus.VOIDED, t.recorded(sale).status());

            assertEquals("00", t.exchange(t.rf.reversal(v, false)).getString(39));
            assertEquals(TransactionStatus.REVERSED, t.recorded(v).status());
            assertEquals(TransactionStatus.APPROVED, t.recorded(sale).status(), "the voided sale stands again");
            assertEquals(new BatchTotals(1, 7_000, 0, 0), t.ledger().batchTotals(t.tid, t.batch));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void reversalOfARefundGivesTheAmountBack(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 50)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(8_000, "051");
            String rrn = t.exchange(sale).getString(37);
            ISOMsg refund = t.rf.refund(t.nextStan(), t.batch, 2_500, rrn);
            assertEquals("00", t.exchange(refund).getString(39));
            assertEquals(2_500, t.recorded(sale).refundedAmount());

            assertEquals("00", t.exchange(t.rf.reversal(refund, false)).getString(39));
            assertEquals(TransactionStatus.REVERSED, t.recorded(refund).status());
            assertEquals(0, t.recorded(sale).refundedAmount());
            assertEquals(new BatchTotals(1, 8_000, 0, 0), t.ledger().batchTotals(t.tid, t.batch));
        }
    }

    /**
     * The sale's issuer answers after 1 s (amount ending 68); the terminal gives up and sends the 0400 on
     * a second connection while the sale waits. The approval that follows must be recorded REVERSED.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void lateIssuerApprovalAfterTheReversalLeavesTheSaleReversed(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 60); TestTerminal second = new TestTerminal(host, p, t.tid, t.mid, Clock.systemUTC())) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(9_968, "071");
            t.send(sale);
            TestTerminal.await("the sale waiting for its issuer", Duration.ofMillis(900),
                    () -> host.services().inFlight().get(t.dedupKey(sale)) != null);

            ISOMsg r = second.exchange(t.rf.reversal(sale, false));
            assertEquals("00", r.getString(39));
            assertTrue(t.recordOf(sale).isEmpty(), "the reversal was answered while the sale was still with its issuer");

            TestTerminal.await("the sale in the ledger", Duration.ofSeconds(5), () -> t.recordOf(sale).isPresent());
            Optional<TransactionRecord> row = t.recordOf(sale);
            assertEquals(TransactionStatus.REVERSED, row.orElseThrow().status(), "never APPROVED after its reversal");
            assertEquals(BatchTotals.ZERO, t.ledger().batchTotals(t.tid, t.batch));
            t.receive();
            assertEquals(TransactionStatus.REVERSED, t.recorded(sale).status());
            assertEquals("00", second.exchange(t.rf.reversal(sale, true)).getString(39), "a repeat after the fact is still 00");
            assertEquals(TransactionStatus.REVERSED, t.recorded(sale).status());
        }
    }
}
