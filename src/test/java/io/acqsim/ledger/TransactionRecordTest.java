package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.acqsim.iso.Profile;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/** What WriteLedger records for a request and the host's answer to it. */
class TransactionRecordTest {
    static final LocalDate SUN_2026_11_22 = LocalDate.of(2026, 11, 22);
    static final Instant CAPTURED = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void anApprovedQrSaleCarriesTheRequestAndTheAnswer() {
        TransactionRecord r = TransactionRecord.of(request(MessageKind.PURCHASE, Channel.QR, null, "156", null), approved(), 7, null, "840", false);
        assertEquals(MessageKind.PURCHASE, r.kind());
        assertEquals(Channel.QR, r.channel());
        assertEquals(TransactionStatus.APPROVED, r.status());
        assertEquals(ResponseCode.APPROVED, r.responseCode());
        assertEquals("123456", r.authCode());
        assertEquals("000000000042", r.rrn());
        assertEquals(7, r.batchNumber());
        assertEquals("156", r.currency());
        assertEquals("iso87a", r.profile());
        assertEquals(SUN_2026_11_22, r.businessDate());
        assertEquals(CAPTURED, r.capturedAt());
        assertEquals(0, r.refundedAmount());
    }

    @Test
    void aDeclineHasNoAuthCode() {
        Outcome declined = approved().responseCode(ResponseCode.INSUFFICIENT_FUNDS);
        TransactionRecord r = TransactionRecord.of(request(MessageKind.PURCHASE, Channel.CARD, "622202******0123", "156", null), declined, 1, null, "156", false);
        assertEquals(TransactionStatus.DECLINED, r.status());
        assertEquals(ResponseCode.INSUFFICIENT_FUNDS, r.responseCode());
        assertNull(r.authCode());
    }

    @Test
    void anApprovalReversedWhileItWaitedIsRecordedReversed() {
        TransactionRecord r = TransactionRecord.of(request(MessageKind.PURCHASE, Channel.CARD, "622202******0123", "156", null), approved(), 1, null, "156", true);
        assertEquals(TransactionStatus.REVERSED, r.status());
    }

    @Test
    void aVoidTakesChannelAndCardFromItsOriginalAndTheDefaultCurrency() {
        TransactionRecord sale = TransactionRecord.of(request(MessageKind.PURCHASE, Channel.QR, "622588******9012", "156", null), approved(), 1, null, "156", false);
        TransactionRecord v = TransactionRecord.of(request(MessageKind.VOID, null, null, null, sale.rrn()), approved(), 1, sale, "156", false);
        assertEquals(Channel.QR, v.channel());
        assertEquals("622588******9012", v.panMasked());
        assertEquals("156", v.currency());
        assertEquals(sale.rrn(), v.originalRrn());
    }

    @Test
    void withoutChannelOrOriginalTheChannelIsCard() {
        TransactionRecord r = TransactionRecord.of(request(MessageKind.REFUND, null, null, null, "000000000001"), approved(), 1, null, "156", false);
        assertEquals(Channel.CARD, r.channel());
        assertNull(r.panMasked());
    }

    private static Outcome approved() {
        return new Outcome().responseCode(ResponseCode.APPROVED).rrn("000000000042").authCode("123456")
                .businessDate(SUN_2026_11_22).capturedAt(CAPTURED);
    }

    private static TerminalRequest request(MessageKind kind, Channel channel, String panMasked, String currency, String originalRrn) {
        return new TerminalRequest(Profile.ISO87A, kind, "0200", "000000", "T0000001", "M00000000000001", "000001", "1122100000",
                1_000, currency, "071", channel, panMasked, null, originalRrn, null, null, 1, null, null, List.of(), 0, false);
    }
}
