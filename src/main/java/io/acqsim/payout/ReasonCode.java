package io.acqsim.payout;

/**
 * Why a payout was late (PRODUCT.md §5); every delay interval carries exactly one. DAILY_LIMIT extends
 * §5's list: the merchant's account takes only so much a day and the rest of the payout rolls over
 * ({@link DailyLimits}); none of §5's codes says that.
 */
public enum ReasonCode {
    WEEKEND, HOLIDAY, HOLIDAY_FREEZE, HOST_MAINTENANCE, BANK_OUTAGE, NETWORK_FAULT,
    ACCOUNT_FROZEN, INVALID_ACCOUNT, RISK_HOLD, POLICY_REVIEW, LATE_BATCH, DAILY_LIMIT
}
