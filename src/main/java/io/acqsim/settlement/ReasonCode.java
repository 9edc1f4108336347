package io.acqsim.settlement;

/** Why a payout was late (PRODUCT.md §5); every delay interval carries exactly one. */
public enum ReasonCode {
    WEEKEND, HOLIDAY, HOLIDAY_FREEZE, HOST_MAINTENANCE, BANK_OUTAGE, NETWORK_FAULT,
    ACCOUNT_FROZEN, INVALID_ACCOUNT, RISK_HOLD, POLICY_REVIEW, LATE_BATCH
}
