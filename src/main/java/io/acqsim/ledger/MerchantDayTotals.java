package io.acqsim.ledger;

/**
 * What one merchant's approved sales and refunds of a business date in one currency add up to, as
 * clearing reads them. Fees are per sale at the merchant's rate for its channel (card or QR), rounded
 * half-up to the minor unit each, then summed. Bank and product are the merchant's at the time of reading.
 */
public record MerchantDayTotals(String merchantId, String currency, String bank, String product,
                                int salesCount, long salesAmount, int refundCount, long refundAmount, long cardFee, long qrFee) {
}
