package io.acqsim.payout;

import java.time.Instant;

/**
 * Why a payout cannot be paid right now, as a {@link PayoutGate} sees it.
 *
 * @param code    the delay reason recorded while it lasts
 * @param status  QUEUED (bank side), HELD (merchant side) or RETURNED (sent back by the bank)
 * @param until   when to offer the payout again; null when only a release (an account correction, an
 *                unfreeze) ends it
 * @param detail  what a person reads
 * @param faultId the fault activation behind it, if any
 */
public record Obstacle(ReasonCode code, PayoutStatus status, Instant until, String detail, String faultId) {
}
