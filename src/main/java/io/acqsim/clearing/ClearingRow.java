package io.acqsim.clearing;

import java.time.LocalDate;

/** One merchant's clearing for one business date and currency (a line of the clearing file). */
public record ClearingRow(
        LocalDate businessDate, String merchantId, String currency, String bank, String product,
        int salesCount, long salesAmount, int refundCount, long refundAmount, long cardFee, long qrFee) {

    public long fee() { return cardFee + qrFee; }

    /** gross - fees - refunds; may be zero or negative, then nothing is paid out. */
    public long net() { return salesAmount - fee() - refundAmount; }

    public int count() { return salesCount + refundCount; }
}
