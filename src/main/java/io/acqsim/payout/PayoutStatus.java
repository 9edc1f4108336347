package io.acqsim.payout;

/**
 * Where a payout is (PRODUCT.md §5). PENDING until its scheduled time; QUEUED while the bank cannot
 * take it (outage, link fault; retried); HELD while the merchant side blocks it (frozen account, risk or
 * policy review); RETURNED after the bank sent it back (invalid account; re-sent once corrected); PAID.
 */
public enum PayoutStatus {
    PENDING, QUEUED, HELD, RETURNED, PAID
}
