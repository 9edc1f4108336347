package io.acqsim.clock;

import java.time.Instant;

/** Work that falls due at a simulated instant (a cutover, a payout attempt, a release). */
@FunctionalInterface
public interface Job {
    /**
     * Runs the job. {@code due} is the instant it was scheduled for; the clock reads exactly that
     * instant while manual advances run it, and at most a scheduling delay later in real and fast modes.
     */
    void run(Instant due) throws Exception;
}
