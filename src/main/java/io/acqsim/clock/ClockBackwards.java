package io.acqsim.clock;

import java.time.Instant;

/** A request to move the simulated clock to an instant before its current time; nothing changed. */
public final class ClockBackwards extends RuntimeException {
    public ClockBackwards(Instant now, Instant requested) {
        super("the clock never moves backwards: it is " + now + ", " + requested + " is earlier");
    }
}
