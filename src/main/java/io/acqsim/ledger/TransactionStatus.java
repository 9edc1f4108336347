package io.acqsim.ledger;

/**
 * Where a recorded transaction stands; stored by name in {@code transactions.status}. Only APPROVED
 * transactions count towards terminal batch totals and clearing.
 */
public enum TransactionStatus {
    /** Approved and not undone: settles. */
    APPROVED,
    /** Declined by the host or the issuer: never settles. */
    DECLINED,
    /** Taken out of settlement by a reversal (or reversed while it waited for the issuer). */
    REVERSED,
    /** Cancelled by an approved void of the same batch. */
    VOIDED
}
