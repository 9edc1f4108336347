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
    protected final long end;

    private Schedule(long start, long end) {
        this.start = start;
        this.end = end;
    }

    public static Schedule openLoop(double perSecond, long start, long end) {
        return new Open(perSecond, start, end);
    }

    public static Schedule closedLoop(long start, long end) {
        return new Closed(start, end);
    }

    /** The intended send time of the caller's next request; one at or after {@link #end()} means the run is over. */
    public abstract long next();

    public long start() { return start; }

    public long end() { return end; }

    /** Slots whose intended time fell before the end (open loop); -1 for closed loop. */
    public abstract long scheduled();

    static final class Open extends Schedule {
        private final double periodNanos;
        private final AtomicLong slot = new AtomicLong();

        Open(double perSecond, long start, long end) {
            super(start, end);
            this.periodNanos = 1e9 / perSecond;
        }

        @Override
        public long next() {
            return start + Math.round(slot.getAndIncrement() * periodNanos);
        }

        @Override
        public long scheduled() {
            return (long) Math.ceil((end - start) / periodNanos);
        }
    }

    static final class Closed extends Schedule {
        Closed(long start, long end) {
            super(start, end);
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
