package io.acqsim.payout;

import java.time.Instant;
import java.util.Optional;

/**
 * One thing that can stop a payout (a bank outage, a frozen account, ...). Gates are asked in order each
 * time a payout is offered; the first obstacle wins. Gates only answer; the engine records.
 */
@FunctionalInterface
public interface PayoutGate {
    Optional<Obstacle> check(Payout payout, Instant at);
}
