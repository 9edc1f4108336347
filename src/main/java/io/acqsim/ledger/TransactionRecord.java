package io.acqsim.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One financial transaction as the ledger keeps it. {@code panMasked} is first 6 / last 4 only.
 *
 * @param status APPROVED, DECLINED, REVERSED or VOIDED
 */
public record TransactionRecord(
        String rrn,
        String kind,
        String channel,
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
        String responseCode,
        String authCode,
        String status,
        String originalRrn,
        long refundedAmount,
        LocalDate businessDate,
        Instant capturedAt) {

    public static final String APPROVED = "APPROVED";
    public static final String DECLINED = "DECLINED";
    public static final String REVERSED = "REVERSED";
    public static final String VOIDED = "VOIDED";

    public boolean approved() { return APPROVED.equals(status); }
}
