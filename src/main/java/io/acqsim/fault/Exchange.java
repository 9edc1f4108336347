package io.acqsim.fault;

import java.time.Duration;

/**
 * What the network faults do to one request-and-answer exchange on a link the host emulates without
 * bytes (host ↔ issuer, host ↔ settlement bank): the answer is lost, or comes {@code delay} later
 * (zero: nothing changes).
 *
 * @param faultId the fault that lost it or added the last delay; null when no fault acted
 */
public record Exchange(Duration delay, boolean lost, String faultId) {
    public static final Exchange UNCHANGED = new Exchange(Duration.ZERO, false, null);
    public static final Exchange LOST = new Exchange(Duration.ZERO, true, null);

    public static Exchange delayed(Duration delay) {
        return new Exchange(delay, false, null);
    }

    /** This, then {@code next} (by fault {@code faultId}) on the same exchange. */
    Exchange then(Exchange next, String faultId) {
        return new Exchange(delay.plus(next.delay), next.lost, faultId);
    }
}
