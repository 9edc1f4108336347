package io.acqsim.settlement;

import java.time.LocalDate;

/**
 * What clearing a business date waits for first: in cluster mode, until every live node has moved past the date's
 * cutover and finished the requests stamped with it, so no capture of that date is still being written when it is
 * cleared. Called under the scheduler's lock; it must return within a bounded time whatever the other nodes do.
 */
@FunctionalInterface
public interface CutoverBarrier {
    /** One host: its own requests are the only ones, and the cutover job runs after the clock passed the cutover. */
    CutoverBarrier NONE = d -> { };

    void awaitPast(LocalDate businessDate);
}
