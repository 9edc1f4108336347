package io.acqsim.payout;

import java.time.Instant;

/**
 * One credit of a payout that was split (a daily account limit, {@link DailyLimits}); the parts of a
 * paid split payout add up to its net, the last one paid at its {@code paidAt}.
 *
 * @param amount minor units
 */
public record PayoutPart(long amount, Instant paidAt) {
}
