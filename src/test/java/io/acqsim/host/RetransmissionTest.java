package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionStatus;

/**
 * A retransmission — same TID, STAN, field 7 (cup: batch) and amount — gets the original answer and is
 * never a second charge, whether the original is already in the ledger or still waiting for its issuer;
 * the same identity with another amount is 94 (PRODUCT.md §4.2).
 */
class RetransmissionTest extends SharedHostTest {
    private static void assertSameAnswer(ISOMsg first, ISOMsg again) {
        for (int f : new int[] {3, 4, 11, 15, 37, 38, 39, 41, 42}) {
            assertEquals(first.getString(f), again.getString(f), "field " + f + " of the retransmission's answer");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void retransmittedApprovalGetsTheOriginalAnswerAndOneLedgerRow(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 10)) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(4_200, "071");
            ISOMsg first = t.exchange(req);
            assertEquals("00", first.getString(39));
            assertNotNull(first.getString(38));
            ISOMsg again = t.exchange((ISOMsg) req.clone());
            assertSameAnswer(first, again);
            assertEquals(1, t.rows().size(), "one charge");
            assertEquals(new io.acqsim.message.BatchTotals(1, 4_200, 0, 0), t.ledger().batchTotals(t.tid, t.batch));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void retransmittedDeclineGetsTheSameDecline(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 20)) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(4_251, "051");
            ISOMsg first = t.exchange(req);
            assertEquals("51", first.getString(39));
            ISOMsg again = t.exchange((ISOMsg) req.clone());
            assertSameAnswer(first, again);
            assertEquals(1, t.rows().size());
            assertEquals(TransactionStatus.DECLINED, t.recorded(req).status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void sameStanAndKeyWithAnotherAmountIs94(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 30)) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(4_300, "051");
            assertEquals("00", t.exchange(req).getString(39));
            ISOMsg other = (ISOMsg) req.clone();
            other.set(4, String.format("%012d", 4_301));
            ISOMsg r = t.exchange(other);
            assertEquals("94", r.getString(39));
            assertEquals(other.getString(4), r.getString(4));
            assertEquals(1, t.rows().size());
            assertEquals(4_300, t.recorded(req).amount());
            assertEquals(TransactionStatus.APPROVED, t.recorded(req).status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void retransmittedVoidDoesNotVoidTwice(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 40)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(4_400, "051");
            String rrn = t.exchange(sale).getString(37);
            ISOMsg v = t.rf.voidSale(t.nextStan(), t.batch, 4_400, rrn);
            ISOMsg first = t.exchange(v);
            assertEquals("00", first.getString(39));
            ISOMsg again = t.exchange((ISOMsg) v.clone());
            assertSameAnswer(first, again);
            assertEquals(2, t.rows().size(), "the sale and one void");
            assertEquals(TransactionStatus.VOIDED, t.recorded(sale).status());
        }
    }

    /**
     * iso87a without field 60: the request names no batch, so after its batch closed only the request
     * identity (TID, STAN, field 7) can find the original. It must: same answer, still one charge, in the
     * closed batch and not in the next one.
     */
    @org.junit.jupiter.api.Test
    void retransmissionAfterItsBatchClosedIsNotASecondCharge() throws Exception {
        try (TestTerminal t = terminal(Profile.ISO87A, 60)) {
            t.signOn();
            int batch = t.batch;
            ISOMsg req = t.rf.cardPurchase(t.nextStan(), -1, 4_600, TestTerminal.PAN, TestTerminal.EXPIRY, "071");
            ISOMsg first = t.exchange(req);
            assertEquals("00", first.getString(39));
            io.acqsim.message.BatchTotals totals = new io.acqsim.message.BatchTotals(1, 4_600, 0, 0);
            assertEquals("00", t.exchange(t.rf.settle(t.nextStan(), batch, totals)).getString(39));
            assertEquals("CLOSED", t.ledger().batchStatus(t.tid, batch));

            ISOMsg again = t.exchange((ISOMsg) req.clone());
            assertSameAnswer(first, again);
            assertEquals(1, t.rows().size(), "one charge");
            assertEquals(batch, t.recorded(req).batchNumber());
            assertEquals(totals, t.ledger().batchTotals(t.tid, batch));
            assertEquals(new io.acqsim.message.BatchTotals(0, 0, 0, 0), t.ledger().batchTotals(t.tid, batch + 1));
        }
    }

    /**
     * The original waits 1 s for its issuer (amount ending 68); the retransmission arrives on a second
     * connection meanwhile and must wait for, and copy, the original's answer.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Profile.class)
    void retransmissionWhileTheOriginalIsInFlightGetsItsAnswer(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 50); TestTerminal second = new TestTerminal(host, p, t.tid, t.mid, java.time.Clock.systemUTC())) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(4_568, "071");
            t.send(req);
            TestTerminal.await("the original in flight", Duration.ofSeconds(2),
                    () -> host.services().inFlight().get(t.dedupKey(req)) != null);

            ISOMsg otherAmount = (ISOMsg) req.clone();
            otherAmount.set(4, String.format("%012d", 4_569));
            assertEquals("94", second.exchange(otherAmount).getString(39), "another amount in flight");

            ISOMsg again = second.exchange((ISOMsg) req.clone());
            ISOMsg first = t.receive();
            assertEquals("00", first.getString(39));
            assertSameAnswer(first, again);
            assertEquals(1, t.rows().size(), "one charge");
            assertEquals(TransactionStatus.APPROVED, t.recorded(req).status());
        }
    }
}
