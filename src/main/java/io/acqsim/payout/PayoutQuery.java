package io.acqsim.payout;

import java.time.LocalDate;

/**
 * A filter over payouts; every field is optional (null = any).
 *
 * @param delayed true: only payouts paid after their promise, or unpaid past it; false: only the others
 */
public record PayoutQuery(String merchantId, LocalDate businessDate, LocalDate from, LocalDate to,
                          PayoutStatus status, Boolean delayed) {
    public static final PayoutQuery ALL = new PayoutQuery(null, null, null, null, null, null);
}
