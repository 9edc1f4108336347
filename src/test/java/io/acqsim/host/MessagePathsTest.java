package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.clock.BusinessDates;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * Every request kind and response code of PRODUCT.md §4.2-4.4 that a single exchange decides, on both
 * profiles: network management, purchases by card and QR, the issuer rules, amount limits, the terminal
 * registry, voids and refunds, and the cup batch-number check. Each test uses its own terminals.
 */
class MessagePathsTest extends SharedHostTest {
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");
    /** 12/13 local capture time, 15 the business date of that capture (cutover 23:00 Asia/Shanghai). */
    private static void assertDates(ISOMsg response, TransactionRecord row) {
        assertTrue(response.getString(12).matches("\\d{6}"), "12 is hhmmss");
        assertTrue(response.getString(13).matches("\\d{4}"), "13 is MMDD");
        assertEquals(MMDD.format(row.businessDate()), response.getString(15), "15 is the business date");
        assertEquals(BusinessDates.of(row.capturedAt(), TestTerminal.SHANGHAI, LocalTime.of(23, 0)), row.businessDate());
    }

    // ---- network management ---------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Profile.class)
    void signOnEchoSignOff(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 10)) {
            ISOMsg req = t.rf.signOn(t.nextStan(), 0);
            ISOMsg r = t.exchange(req);
            assertEquals("0810", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(req, r, 11, 41);
            assertEquals(1, t.hostBatch(r), "a new terminal's first batch");
            assertEquals(1, t.ledger().openBatch(t.tid).orElseThrow());
            assertEquals("OPEN", t.ledger().batchStatus(t.tid, 1));

            req = t.rf.echo(t.nextStan(), 1);
            r = t.exchange(req);
            assertEquals(p == Profile.CUP ? "0830" : "0810", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(req, r, 11, 41);

            req = t.rf.signOff(t.nextStan(), 1);
            r = t.exchange(req);
            assertEquals(p == Profile.CUP ? "0830" : "0810", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(req, r, 11, 41);
            assertTrue(t.rows().isEmpty(), "network management writes no transaction");
        }
    }

    // ---- purchases --------------------------------------------------------------------------------

    static Stream<Arguments> cardEntryModes() {
        return Stream.of(Profile.values()).flatMap(p -> Stream.of("021", "051", "071").map(e -> Arguments.of(p, e)));
    }

    @ParameterizedTest
    @MethodSource("cardEntryModes")
    void cardPurchaseIsApprovedAndRecorded(Profile p, String entryMode) throws Exception {
        try (TestTerminal t = terminal(p, 20 + 2 * Integer.parseInt(entryMode.substring(0, 2)))) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(12_300, entryMode);
            assertEquals(entryMode.startsWith("02"), req.hasField(35), "magstripe sends track 2");
            ISOMsg r = t.exchange(req);
            assertEquals("0210", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            assertTrue(r.getString(37).matches("\\d{12}"), "37 is a 12-digit RRN: " + r.getString(37));
            assertTrue(r.getString(38).matches("\\d{6}") && !r.getString(38).equals("000000"), "38 auth code");
            TransactionRecord row = t.recorded(req);
            assertEquals(TransactionStatus.APPROVED, row.status());
            assertEquals(MessageKind.PURCHASE, row.kind());
            assertEquals(Channel.CARD, row.channel());
            assertEquals(entryMode, row.entryMode());
            assertEquals(12_300, row.amount());
            assertEquals(r.getString(37), row.rrn());
            assertEquals(r.getString(38), row.authCode());
            assertEquals("622202*********0123", row.panMasked());
            assertEquals(t.mid, row.mid());
            assertEquals(t.batch, row.batchNumber());
            assertDates(r, row);
            assertEquals(1, t.rows().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void qrPurchaseIsApprovedAndRecordedWithoutCardData(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 40)) {
            t.signOn();
            ISOMsg req = t.qrRequest(8_800);
            assertFalse(req.hasField(2) || req.hasField(35), "no card data on a QR purchase");
            ISOMsg r = t.exchange(req);
            assertEquals("00", r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            assertEquals(12, r.getString(37).length());
            assertEquals(6, r.getString(38).length());
            TransactionRecord row = t.recorded(req);
            assertEquals(TransactionStatus.APPROVED, row.status());
            assertEquals(Channel.QR, row.channel());
            assertEquals("031", row.entryMode());
            assertNull(row.panMasked());
            assertDates(r, row);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void qrPurchaseWithCardDataIsAFormatError(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 42)) {
            t.signOn();
            ISOMsg req = t.qrRequest(8_800);
            req.set(2, TestTerminal.PAN);
            assertEquals("30", t.exchange(req).getString(39));
            assertTrue(t.rows().isEmpty());
        }
    }

    // ---- issuer rules and limits ------------------------------------------------------------------

    static Stream<Arguments> issuerDeclines() {
        return Stream.of(Profile.values()).flatMap(p -> Stream.of("51", "05", "54", "61").map(rc -> Arguments.of(p, rc)));
    }

    @ParameterizedTest
    @MethodSource("issuerDeclines")
    void issuerDeclineByAmountSuffixIsRecordedDeclined(Profile p, String rc) throws Exception {
        try (TestTerminal t = terminal(p, 50 + 2 * Integer.parseInt(rc))) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(Long.parseLong("100" + rc), "051");
            ISOMsg r = t.exchange(req);
            assertEquals(rc, r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            assertFalse(r.hasField(38), "no auth code on a decline");
            assertEquals(12, r.getString(37).length(), "a request that reached the issuer has an RRN");
            TransactionRecord row = t.recorded(req);
            assertEquals(TransactionStatus.DECLINED, row.status());
            assertEquals(ResponseCode.of(rc), row.responseCode());
            assertNull(row.authCode());
            assertEquals(r.getString(37), row.rrn());
            assertEquals(host.services().ledger().batchTotals(t.tid, t.batch), io.acqsim.message.BatchTotals.ZERO,
                    "a decline is not in the batch");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void silentIssuerIsAnswered91AfterTheIssuerTimeout(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 180)) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(20_091, "071");
            long start = System.nanoTime();
            ISOMsg r = t.exchange(req);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("91", r.getString(39));
            assertTrue(millis >= 1_400, "answered after the 1.5 s issuer timeout, not before: " + millis + " ms");
            assertFalse(r.hasField(38));
            TransactionRecord row = t.recorded(req);
            assertEquals(TransactionStatus.DECLINED, row.status());
            assertEquals(ResponseCode.ISSUER_UNAVAILABLE, row.responseCode());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void amountAboveTheLimitIs61AndNotRecorded(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 190)) {
            t.signOn();
            long max = host.services().config().maxAmountMinor();
            ISOMsg over = t.purchaseRequest(max + 1, "051");
            ISOMsg r = t.exchange(over);
            assertEquals("61", r.getString(39));
            assertEchoes(over, r, 3, 4, 11, 41, 42);
            assertFalse(r.hasField(38));
            assertTrue(t.recordOf(over).isEmpty(), "a refused amount is not recorded");

            ISOMsg atLimit = t.purchaseRequest(max, "051");
            assertEquals("00", t.exchange(atLimit).getString(39), "the limit itself is allowed");
            assertEquals(1, t.rows().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void zeroAmountIs13AndNotRecorded(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 200)) {
            t.signOn();
            ISOMsg req = t.purchaseRequest(0, "051");
            ISOMsg r = t.exchange(req);
            assertEquals("13", r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            assertTrue(t.rows().isEmpty());
        }
    }

    // ---- terminal registry ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Profile.class)
    void unknownTerminalIs58AndLeavesNoTrace(Profile p) throws Exception {
        String tid = p == Profile.CUP ? "T0009001" : "T0009002";
        try (TestTerminal t = new TestTerminal(host, p, tid, "M00000000000001", Clock.systemUTC())) {
            assertEquals("58", t.exchange(t.rf.signOn(t.nextStan(), 0)).getString(39));
            ISOMsg req = t.purchaseRequest(1_000, "051");
            ISOMsg r = t.exchange(req);
            assertEquals("58", r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            assertFalse(r.hasField(38));
            assertTrue(t.rows().isEmpty());
            assertTrue(t.ledger().openBatch(tid).isEmpty(), "no terminal state for an unknown TID");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void terminalWithAnotherMerchantsMidIs03AndLeavesNoTrace(Profile p) throws Exception {
        int n = 210 + p.ordinal();
        try (TestTerminal t = new TestTerminal(host, p, TestTerminal.tid(n), TestTerminal.mid(n + 1), Clock.systemUTC())) {
            ISOMsg req = t.purchaseRequest(1_000, "051");
            ISOMsg r = t.exchange(req);
            assertEquals("03", r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            assertTrue(t.rows().isEmpty());
            assertTrue(t.ledger().openBatch(t.tid).isEmpty(), "a refused terminal opens no batch");
        }
    }

    // ---- void and refund --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Profile.class)
    void voidOfASaleMarksItVoidedOnce(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 220); TestTerminal other = terminal(p, 230)) {
            t.signOn();
            other.signOn();
            ISOMsg sale = t.purchaseRequest(5_500, "051");
            String rrn = t.exchange(sale).getString(37);

            ISOMsg byOther = other.rf.voidSale(other.nextStan(), other.batch, 5_500, rrn);
            assertEquals("25", other.exchange(byOther).getString(39), "only the terminal that sold may void");
            ISOMsg partial = t.rf.voidSale(t.nextStan(), t.batch, 5_000, rrn);
            assertEquals("13", t.exchange(partial).getString(39), "a void takes the whole amount");
            assertEquals(TransactionStatus.APPROVED, t.recorded(sale).status());

            ISOMsg v = t.rf.voidSale(t.nextStan(), t.batch, 5_500, rrn);
            ISOMsg r = t.exchange(v);
            assertEquals("0210", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(v, r, 3, 4, 11, 41, 42);
            assertEquals(12, r.getString(37).length());
            assertNotNull(r.getString(38));
            assertEquals(TransactionStatus.VOIDED, t.recorded(sale).status());
            TransactionRecord voidRow = t.recorded(v);
            assertEquals(MessageKind.VOID, voidRow.kind());
            assertEquals(TransactionStatus.APPROVED, voidRow.status());
            assertEquals(rrn, voidRow.originalRrn());
            assertEquals(io.acqsim.message.BatchTotals.ZERO, t.ledger().batchTotals(t.tid, t.batch), "a voided sale is not in the batch");

            ISOMsg again = t.rf.voidSale(t.nextStan(), t.batch, 5_500, rrn);
            assertEquals("12", t.exchange(again).getString(39), "a voided sale cannot be voided again");
            assertTrue(t.recordOf(again).isEmpty());

            ISOMsg unknown = t.rf.voidSale(t.nextStan(), t.batch, 5_500, "999999999999");
            ISOMsg ru = t.exchange(unknown);
            assertEquals("25", ru.getString(39));
            assertTrue(t.recordOf(unknown).isEmpty());
            assertEquals(2, t.rows().size(), "the sale and one void");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void refundsMayNotExceedTheSale(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 240)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(10_000, "071");
            String rrn = t.exchange(sale).getString(37);

            ISOMsg first = t.rf.refund(t.nextStan(), t.batch, 3_000, rrn);
            ISOMsg r = t.exchange(first);
            assertEquals(p == Profile.CUP ? "0230" : "0210", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEchoes(first, r, 3, 4, 11, 41, 42);
            assertEquals(3_000, t.recorded(sale).refundedAmount());
            assertEquals(TransactionStatus.APPROVED, t.recorded(sale).status());
            assertEquals(MessageKind.REFUND, t.recorded(first).kind());

            ISOMsg over = t.rf.refund(t.nextStan(), t.batch, 7_001, rrn);
            assertEquals("13", t.exchange(over).getString(39));
            assertTrue(t.recordOf(over).isEmpty());
            assertEquals(3_000, t.recorded(sale).refundedAmount());

            ISOMsg rest = t.rf.refund(t.nextStan(), t.batch, 7_000, rrn);
            assertEquals("00", t.exchange(rest).getString(39));
            assertEquals(10_000, t.recorded(sale).refundedAmount());
            assertEquals(new io.acqsim.message.BatchTotals(1, 10_000, 2, 10_000), t.ledger().batchTotals(t.tid, t.batch));

            assertEquals("13", t.exchange(t.rf.refund(t.nextStan(), t.batch, 1, rrn)).getString(39), "nothing left to refund");
            assertEquals("25", t.exchange(t.rf.refund(t.nextStan(), t.batch, 1, "999999999998")).getString(39));
            assertEquals(3, t.rows().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void voidOnlyInTheOpenBatchAndNotAfterARefund(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 270)) {
            t.signOn();
            String refunded = t.purchase(2_000).getString(37);
            assertEquals("00", t.exchange(t.rf.refund(t.nextStan(), t.batch, 500, refunded)).getString(39));
            assertEquals("12", t.exchange(t.rf.voidSale(t.nextStan(), t.batch, 2_000, refunded)).getString(39), "partly refunded");
            String settled = t.purchase(3_000).getString(37);
            assertEquals("00", t.exchange(t.rf.settle(t.nextStan(), t.batch, new io.acqsim.message.BatchTotals(2, 5_000, 1, 500))).getString(39));
            t.batch++;
            ISOMsg late = t.rf.voidSale(t.nextStan(), t.batch, 3_000, settled);
            assertEquals("12", t.exchange(late).getString(39), "a sale of a settled batch is refunded, not voided");
            assertTrue(t.recordOf(late).isEmpty());
            ISOMsg refund = t.rf.refund(t.nextStan(), t.batch, 3_000, settled);
            assertEquals("00", t.exchange(refund).getString(39), "a refund may name a sale of an earlier batch");
            assertEquals(t.batch, t.recorded(refund).batchNumber());
        }
    }

    /** Several refunds of one sale at once, each within what is left alone: together never more than the sale. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void concurrentRefundsNeverExceedTheSale(Profile p) throws Exception {
        int n = 280 + p.ordinal();
        try (TestTerminal t = new TestTerminal(host, p, n)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(10_000, "051");
            String rrn = t.exchange(sale).getString(37);
            List<ISOMsg> refunds = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) refunds.add(t.rf.refund(t.nextStan(), t.batch, 4_000, rrn));
            List<String> answers = concurrently(p, n, refunds);
            assertEquals(2, answers.stream().filter("00"::equals).count(), "two refunds of 4,000 fit in 10,000: " + answers);
            assertEquals(4, answers.stream().filter("13"::equals).count(), answers.toString());
            assertEquals(8_000, t.recorded(sale).refundedAmount());
            assertEquals(3, t.rows().size(), "the sale and two refunds");
        }
    }

    /** Several voids of one sale at once: one is approved, the others find it voided (12). */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void concurrentVoidsVoidOnce(Profile p) throws Exception {
        int n = 290 + p.ordinal();
        try (TestTerminal t = new TestTerminal(host, p, n)) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(6_000, "051");
            String rrn = t.exchange(sale).getString(37);
            List<ISOMsg> voids = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) voids.add(t.rf.voidSale(t.nextStan(), t.batch, 6_000, rrn));
            List<String> answers = concurrently(p, n, voids);
            assertEquals(1, answers.stream().filter("00"::equals).count(), answers.toString());
            assertEquals(3, answers.stream().filter("12"::equals).count(), answers.toString());
            assertEquals(TransactionStatus.VOIDED, t.recorded(sale).status());
            assertEquals(2, t.rows().size(), "the sale and one void");
        }
    }

    /** Sends each request on its own connection of terminal {@code n}, all released at once; returns the field 39s. */
    private static List<String> concurrently(Profile p, int n, List<ISOMsg> requests) throws Exception {
        List<TestTerminal> links = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<String>> futures = new java.util.ArrayList<>();
            for (ISOMsg request : requests) {
                TestTerminal link = new TestTerminal(host, p, n);
                links.add(link);
                futures.add(pool.submit(() -> {
                    go.await();
                    return link.exchange(request).getString(39);
                }));
            }
            go.countDown();
            List<String> out = new java.util.ArrayList<>();
            for (var f : futures) out.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            return out;
        } finally {
            for (TestTerminal link : links) link.close();
        }
    }

    // ---- batch number check and cup header --------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Profile.class)
    void requestInAnotherBatchIs77AndAsksCupTerminalsToSignOnAgain(Profile p) throws Exception {
        try (TestTerminal t = terminal(p, 250)) {
            t.signOn();
            ISOMsg req = t.rf.cardPurchase(t.nextStan(), t.batch + 4, 1_000, TestTerminal.PAN, TestTerminal.EXPIRY, "051");
            ISOMsg r = t.exchange(req);
            assertEquals("77", r.getString(39));
            assertEchoes(req, r, 3, 4, 11, 41, 42);
            if (p == Profile.CUP) {
                assertEquals(CupHeader.SIGN_ON_AGAIN, CupHeader.processingRequirement(r.getHeader()));
            }
            assertTrue(t.rows().isEmpty());
            ISOMsg signOn = t.signOn();
            if (p == Profile.CUP) assertEquals(CupHeader.NONE, CupHeader.processingRequirement(signOn.getHeader()));
            assertEquals(1, t.batch, "sign-on tells the terminal the host's batch");
            assertEquals("00", t.purchase(1_000).getString(39));
        }
    }

    @Test
    void cupResponseSwapsTheTpduAddresses() throws Exception {
        try (TestTerminal t = terminal(Profile.CUP, 260)) {
            ISOMsg req = t.rf.signOn(t.nextStan(), 0);
            byte[] h = {0x60, 0x12, 0x34, 0x56, 0x78, 0x61, 0x31, 0x00, 0x00, 0x00, 0x00};
            req.setHeader(h);
            ISOMsg r = t.exchange(req);
            assertEquals("00", r.getString(39));
            byte[] rh = r.getHeader();
            assertNotNull(rh);
            assertEquals(CupHeader.LENGTH, rh.length);
            assertArrayEquals(new byte[] {0x60, 0x56, 0x78, 0x12, 0x34}, Arrays.copyOf(rh, 5), "TPDU source and destination swapped");
            assertArrayEquals(Arrays.copyOfRange(h, 5, 11), Arrays.copyOfRange(rh, 5, 11), "application header kept");
            assertEquals(CupHeader.NONE, CupHeader.processingRequirement(rh));
        }
    }

    @Test
    void terminalNumbersMapToTheirMerchants() {
        assertEquals(List.of("M00000000000001", "M00000000000010", "M00000000000001"),
                List.of(TestTerminal.mid(11), TestTerminal.mid(1000), TestTerminal.mid(1)));
        assertEquals("M00000000000001", host.services().registry().terminal("T0000011").merchantId());
    }
}
