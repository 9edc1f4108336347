package io.acqsim.ledger;

import java.time.Instant;
import java.time.LocalDate;

import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * One financial transaction as the ledger keeps it. {@code panMasked} is first 6 / last 4 only.
 *
 * @param kind PURCHASE, VOID or REFUND
 */
public record TransactionRecord(
        String rrn,
        MessageKind kind,
        Channel channel,
        String profile,
        String mti,
        String processingCode,
        String tid,
        String mid,
        String stan,
        String requestKey,
        int batchNumber,
        long amount,
        String currency,
        String entryMode,
        String panMasked,
        ResponseCode responseCode,
        String authCode,
        TransactionStatus status,
        String originalRrn,
        long refundedAmount,
        LocalDate businessDate,
        Instant capturedAt) {

    /**
     * The record of a purchase, void or refund the host answered with {@code o}. A void or refund
     * carries no card and may carry no channel: it takes both from its {@code original} (null for a
     * purchase); without either the channel is CARD. Without field 49 the amount is in
     * {@code defaultCurrency}. Declined when {@code o} is not an approval; an approval is recorded
     * REVERSED when {@code reversedWhileWaiting}, APPROVED otherwise.
     */
    public static TransactionRecord of(TerminalRequest t, Outcome o, int batch, TransactionRecord original,
                                       String defaultCurrency, boolean reversedWhileWaiting) {
        TransactionStatus status = !o.approved() ? TransactionStatus.DECLINED
                : reversedWhileWaiting ? TransactionStatus.REVERSED : TransactionStatus.APPROVED;
        Channel channel = t.channel() != null ? t.channel() : original != null ? original.channel() : Channel.CARD;
        String pan = t.panMasked() != null ? t.panMasked() : original != null ? original.panMasked() : null;
        return new TransactionRecord(o.rrn(), t.kind(), channel, t.profile().id(), t.mti(), t.processingCode(), t.tid(), t.mid(),
                t.stan(), t.requestKey(), batch, t.amountMinor(), t.currency() != null ? t.currency() : defaultCurrency,
                t.entryMode(), pan, o.responseCode(), o.approved() ? o.authCode() : null, status, t.originalRrn(), 0,
                o.businessDate(), o.capturedAt());
    }

    public boolean approved() { return status == TransactionStatus.APPROVED; }

    /** This transaction with another status. */
    TransactionRecord withStatus(TransactionStatus s) {
        return new TransactionRecord(rrn, kind, channel, profile, mti, processingCode, tid, mid, stan, requestKey, batchNumber, amount,
                currency, entryMode, panMasked, responseCode, authCode, s, originalRrn, refundedAmount, businessDate, capturedAt);
    }

    /** This transaction with another amount refunded so far. */
    TransactionRecord withRefundedAmount(long refunded) {
        return new TransactionRecord(rrn, kind, channel, profile, mti, processingCode, tid, mid, stan, requestKey, batchNumber, amount,
                currency, entryMode, panMasked, responseCode, authCode, status, originalRrn, refunded, businessDate, capturedAt);
    }

    /** The identity a retransmission repeats: TID, STAN and request key. */
    static String requestId(String tid, String stan, String requestKey) {
        return tid + '|' + stan + '|' + requestKey;
    }
}
