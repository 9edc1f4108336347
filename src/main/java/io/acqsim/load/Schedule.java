package io.acqsim.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When requests are meant to go out. Every terminal asks for its next slot; a slot is an intended send
 * time in {@link System#nanoTime()} terms, and latency is measured from it, so a stalled host shows up
 * in the latencies of the requests that had to wait (no coordinated omission).
 *
 * <p>Open loop ({@link #openLoop}): one schedule for all terminals, slot k at {@code start + k / rate},
 * handed out in order to whichever terminal is free; the rate does not depend on how fast answers come.
 * Closed loop ({@link #closedLoop}): a terminal's next slot is now, i.e. as soon as its previous request
 * was answered.
 */
public abstract sealed class Schedule {
    protected final long start;
    protected final long measureFrom;
    protected final long end;

    private Schedule(long start, long measureFrom, long end) {
        this.start = start;
        this.measureFrom = measureFrom;
        this.end = end;
    }

    public static Schedule openLoop(double perSecond, long start, long end) {
        return openLoop(perSecond, start, start, end);
    }

    public static Schedule closedLoop(long start, long end) {
        return closedLoop(start, start, end);
    }

    /** Slots from {@code start}; those before {@code measureFrom} are the warm-up's. */
    public static Schedule openLoop(double perSecond, long start, long measureFrom, long end) {
        return new Open(perSecond, start, measureFrom, end);
    }

    public static Schedule closedLoop(long start, long measureFrom, long end) {
        return new Closed(start, measureFrom, end);
    }

    /** Whether a request meant to go at {@code intended} is measured (else it is the warm-up's). */
    public boolean measured(long intended) {
        return intended >= measureFrom;
    }

    /** The intended send time of the caller's next request; one at or after {@link #end()} means the run is over. */
    public abstract long next();

    public long start() { return start; }

    public long end() { return end; }

    /** Measured slots: those whose intended time fell from the end of the warm-up to the end (open loop); -1 for closed loop. */
    public abstract long scheduled();

    static final class Open extends Schedule {
        private final double periodNanos;
        private final AtomicLong slot = new AtomicLong();

        Open(double perSecond, long start, long measureFrom, long end) {
            super(start, measureFrom, end);
            this.periodNanos = 1e9 / perSecond;
        }

        @Override
        public long next() {
            return start + Math.round(slot.getAndIncrement() * periodNanos);
        }

        @Override
        public long scheduled() {
            return slotsBefore(end) - slotsBefore(measureFrom);
        }

        /** Slots k with start + k * period before {@code t}. */
        private long slotsBefore(long t) {
            return (long) Math.ceil((t - start) / periodNanos);
        }
    }

    static final class Closed extends Schedule {
        Closed(long start, long measureFrom, long end) {
            super(start, measureFrom, end);
        }

        @Override
        public long next() {
            return System.nanoTime();
        }

        @Override
        public long scheduled() {
            return -1;
        }
    }
}
