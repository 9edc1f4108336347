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
    /** Simulated time {@code sim} was read at {@link System#nanoTime()} {@code realNanos}; it runs on from there at the mode's rate. */
    public record Anchor(Instant sim, long realNanos) {
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
        return read(anchor, System.nanoTime());
    }

    private Instant read(Anchor a, long realNanos) {
        if (mode.manual()) return a.sim();
        return a.sim().plusNanos((long) ((realNanos - a.realNanos()) * mode.rate()));
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

    /** The current anchor (cluster mode publishes it for the other nodes to {@link #follow}). */
    public Anchor anchor() {
        return anchor;
    }

    /**
     * Re-anchors this clock on another's (cluster mode: the leader's, read from the database), keeping its mode. Where
     * that would move time backwards (the anchors' translation between machines is exact only to the wall clocks'
     * agreement), the clock stands at its current time instead: it never moves backwards.
     */
    public synchronized void follow(Anchor other) {
        long at = System.nanoTime();
        Instant now = read(anchor, at);
        anchor = read(other, at).isBefore(now) ? new Anchor(now, at) : other;
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
