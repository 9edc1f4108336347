package io.acqsim.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The one clock of the process (PRODUCT.md §2): every component reads time from it. Simulated time is
 * an anchor instant plus the real time elapsed since the anchor times the mode's rate, so
 * {@code real} and {@code fast:N} run on their own and {@code manual} stands still.
 * {@link #moveTo} re-anchors it; the clock never moves backwards. Reads are lock-free.
 */
public final class SimClock extends Clock {
    private record Anchor(Instant sim, long realNanos) {
    }

    private final ClockMode mode;
    private final ZoneId zone;
    private volatile Anchor anchor;

    public SimClock(ClockMode mode, Instant start, ZoneId zone) {
        this.mode = mode;
        this.zone = zone;
        this.anchor = new Anchor(start, System.nanoTime());
    }

    public ClockMode mode() { return mode; }

    @Override
    public ZoneId getZone() { return zone; }

    /** The same simulated time line seen in another zone (java.time.Clock contract). */
    @Override
    public Clock withZone(ZoneId z) {
        SimClock self = this;
        return new Clock() {
            @Override public ZoneId getZone() { return z; }
            @Override public Clock withZone(ZoneId other) { return self.withZone(other); }
            @Override public Instant instant() { return self.instant(); }
        };
    }

    @Override
    public Instant instant() {
        Anchor a = anchor;
        if (mode.manual()) return a.sim();
        long elapsed = System.nanoTime() - a.realNanos();
        return a.sim().plusNanos((long) (elapsed * mode.rate()));
    }

    /**
     * Moves simulated time to {@code to}, which must not be before now.
     *
     * @throws ClockBackwards if {@code to} is earlier than the current simulated time
     */
    public synchronized void moveTo(Instant to) {
        Instant now = instant();
        if (to.isBefore(now)) throw new ClockBackwards(now, to, zone);
        anchor = new Anchor(to, System.nanoTime());
    }

    /** Real time until simulated time reaches {@code at}; {@code null} in manual mode (it never will). */
    public Duration realTimeUntil(Instant at) {
        if (mode.manual()) return null;
        Duration sim = Duration.between(instant(), at);
        if (sim.isNegative()) return Duration.ZERO;
        if (sim.compareTo(Duration.ofDays(36_500)) > 0) sim = Duration.ofDays(36_500);
        return Duration.ofNanos((long) (sim.toNanos() / mode.rate()));
    }
}
