package io.acqsim.clock;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A request to move the simulated clock to an instant before its current time; nothing changed. */
public final class ClockBackwards extends RuntimeException {
    public ClockBackwards(Instant now, Instant requested, ZoneId zone) {
        super("the clock never moves backwards: it is " + OffsetDateTime.ofInstant(now, zone) + ", "
                + OffsetDateTime.ofInstant(requested, zone) + " is earlier");
    }
}
