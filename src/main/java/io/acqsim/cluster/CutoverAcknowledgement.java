package io.acqsim.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.IntSupplier;

import io.acqsim.clock.BusinessDates;

/**
 * The business date a node has moved into, which it acknowledges in its heartbeat: the leader clears a date only once
 * every live node has acknowledged a later one, so no capture stamped with that date is still being written anywhere.
 * A node moves into the new date once its clock has passed the cutover and every financial request that was in flight
 * then has finished: it waits until it sees no request in flight, or {@code maxWait} (the issuer timeout and a margin:
 * no request lasts longer), whichever comes first. Called from one thread (the heartbeat).
 */
public final class CutoverAcknowledgement {
    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime cutover;
    private final IntSupplier inFlight;
    private final Duration maxWait;
    private LocalDate acknowledged;
    private LocalDate pending;
    private long pendingSince;

    /** @param inFlight financial requests in flight on this node now */
    public CutoverAcknowledgement(Clock clock, ZoneId zone, LocalTime cutover, IntSupplier inFlight, Duration maxWait) {
        this.clock = clock;
        this.zone = zone;
        this.cutover = cutover;
        this.inFlight = inFlight;
        this.maxWait = maxWait;
    }

    /** The business date acknowledged now; at the first call, the open one (no request of this node is older). */
    public synchronized LocalDate current() {
        LocalDate open = BusinessDates.of(clock.instant(), zone, cutover);
        if (acknowledged == null) {
            acknowledged = open;
        } else if (open.isAfter(acknowledged)) {
            if (!open.equals(pending)) {
                pending = open;
                pendingSince = System.nanoTime();
            }
            if (inFlight.getAsInt() == 0 || System.nanoTime() - pendingSince >= maxWait.toNanos()) {
                acknowledged = open;
                pending = null;
            }
        }
        return acknowledged;
    }
}
