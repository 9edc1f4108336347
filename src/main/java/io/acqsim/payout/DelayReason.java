package io.acqsim.payout;

import java.time.Instant;

/**
 * One interval of a payout's delay. Laid end to end, a paid payout's reasons cover exactly
 * {@code promisedAt .. paidAt}; an unpaid payout's last reason may still be open ({@code to} null).
 *
 * @param detail  what a person reads, e.g. "National Day" or "PSBC core system upgrade"
 * @param faultId the fault activation behind it, or null for calendar reasons
 */
public record DelayReason(ReasonCode code, Instant from, Instant to, String detail, String faultId) {

    public boolean open() { return to == null; }

    public DelayReason closedAt(Instant end) {
        return new DelayReason(code, from, end, detail, faultId);
    }

    /** Same cause, so two adjacent intervals read as one. */
    public boolean sameCause(ReasonCode c, String d, String f) {
        return code == c && java.util.Objects.equals(detail, d) && java.util.Objects.equals(faultId, f);
    }
}
