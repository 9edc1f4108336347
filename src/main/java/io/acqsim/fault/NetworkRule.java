package io.acqsim.fault;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A network fault as the links apply it: on which link and direction, which messages, what to do.
 * {@link #trigger} decides for one message; it counts selected messages for {@code first N}. The
 * probability draw is a hash of the seed, the fault, the TID and how many messages of that TID the
 * rule selected before, so a run is repeatable for a seed even when terminals interleave differently
 * (first N still counts in arrival order).
 */
public final class NetworkRule {
    private final String faultId;
    private final Link link;
    private final Direction direction;
    private final NetworkAction action;
    private final Match match;
    private final Window window;
    private final long seed;
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> perTerminal = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong selected = new AtomicLong();
    private final AtomicLong fired = new AtomicLong();

    public NetworkRule(String faultId, Link link, Direction direction, NetworkAction action, Match match, Window window, long seed) {
        this.faultId = faultId;
        this.link = link;
        this.direction = direction == null ? action.defaultDirection() : direction;
        this.action = action;
        this.match = match;
        this.window = window;
        this.seed = seed ^ ((long) faultId.hashCode() << 32);
    }

    public String faultId() { return faultId; }

    public Link link() { return link; }

    public Direction direction() { return direction; }

    public NetworkAction action() { return action; }

    public Match match() { return match; }

    public Window window() { return window; }

    /** Messages this rule acted on so far. */
    public long fired() { return fired.get(); }

    /** Whether this rule acts on the message now. */
    public boolean trigger(Link l, Direction d, MessageFacts facts, Instant now) {
        if (l != link || d != direction || !window.contains(now) || !match.selects(facts)) return false;
        long n = selected.incrementAndGet();
        if (match.firstN() > 0 && n > match.firstN()) return false;
        if (match.probability() < 1 && draw(facts.tid()) >= match.probability()) return false;
        fired.incrementAndGet();
        return true;
    }

    private double draw(String tid) {
        String key = tid == null ? "" : tid;
        long k = perTerminal.computeIfAbsent(key, t -> new AtomicLong()).getAndIncrement();
        return new java.util.SplittableRandom(seed ^ ((long) key.hashCode() * 0x9E3779B97F4A7C15L) ^ (k * 0xC2B2AE3D27D4EB4FL)).nextDouble();
    }
}
