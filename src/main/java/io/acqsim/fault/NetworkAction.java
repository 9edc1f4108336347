package io.acqsim.fault;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.acqsim.config.WholeNumbers;

/**
 * What a network fault does to a selected message (PRODUCT.md §6 {@code action}). One record per
 * type, registered by name in {@link #parse}; each has the direction it acts on by default. The
 * in-host terminal layer and the proxy act on whole messages when they know the framing; the
 * proxy's byte-level mode applies the same actions to chunks.
 */
public sealed interface NetworkAction {
    String name();

    Direction defaultDirection();

    /** Delay the message by {@code delay} plus a uniform random part up to {@code jitter}. */
    record Latency(Duration delay, Duration jitter) implements NetworkAction {
        public String name() { return "latency"; }
        public Direction defaultDirection() { return Direction.RESPONSE; }

        /** One message's delay: {@code delay} plus {@code jitter} scaled by a uniform draw from {@code random}. */
        public Duration draw(java.util.random.RandomGenerator random) {
            return jitter.isZero() ? delay : delay.plusNanos((long) (random.nextDouble() * jitter.toNanos()));
        }
    }

    /** The request never reaches the host: no answer, the terminal times out. */
    record DropRequest() implements NetworkAction {
        public String name() { return "drop-request"; }
        public Direction defaultDirection() { return Direction.REQUEST; }
    }

    /** The host processes the request but its answer is lost: the terminal times out and reverses. */
    record DropResponse() implements NetworkAction {
        public String name() { return "drop-response"; }
        public Direction defaultDirection() { return Direction.RESPONSE; }
    }

    /** The connection is reset (TCP RST) when a selected message passes. */
    record Reset() implements NetworkAction {
        public String name() { return "reset"; }
        public Direction defaultDirection() { return Direction.REQUEST; }
    }

    /** Only the first {@code bytes} bytes of the message get through, then the connection closes. */
    record CloseAfterBytes(int bytes) implements NetworkAction {
        public String name() { return "close-after-bytes"; }
        public Direction defaultDirection() { return Direction.RESPONSE; }
    }

    /** Flips bits in the message: {@code bitmap} (the primary bitmap) or {@code mti}. */
    record Corrupt(String target) implements NetworkAction {
        public String name() { return "corrupt"; }
        public Direction defaultDirection() { return Direction.RESPONSE; }
    }

    /** The message is delivered twice. */
    record Duplicate() implements NetworkAction {
        public String name() { return "duplicate"; }
        public Direction defaultDirection() { return Direction.RESPONSE; }
    }

    /** Half-open: the connection stays up, nothing more is answered or delivered on it. */
    record Blackhole() implements NetworkAction {
        public String name() { return "blackhole"; }
        public Direction defaultDirection() { return Direction.REQUEST; }
    }

    /** At most {@code bytesPerSecond} on the link. */
    record Bandwidth(long bytesPerSecond) implements NetworkAction {
        public String name() { return "bandwidth"; }
        public Direction defaultDirection() { return Direction.RESPONSE; }

        /** How long {@code bytes} take at this rate. */
        public Duration timeFor(long bytes) {
            return Duration.ofNanos(Math.multiplyExact(bytes, 1_000_000_000L) / bytesPerSecond);
        }
    }

    Set<String> NAMES = Set.of("latency", "drop-request", "drop-response", "reset", "close-after-bytes", "corrupt", "duplicate",
            "blackhole", "bandwidth");

    /**
     * Builds the action named {@code name} from its parameters ({@code latency}, {@code jitter},
     * {@code bytes}, {@code target}, {@code bytes-per-second}); a missing or bad one is an
     * IllegalArgumentException naming it.
     */
    static NetworkAction parse(String name, Map<String, String> p) {
        return switch (name) {
            case "latency" -> new Latency(duration(p, "latency", null), duration(p, "jitter", Duration.ZERO));
            case "drop-request" -> new DropRequest();
            case "drop-response" -> new DropResponse();
            case "reset" -> new Reset();
            case "close-after-bytes" -> new CloseAfterBytes((int) number(p, "bytes", 0, 1 << 20));
            case "corrupt" -> {
                String t = p.getOrDefault("target", "bitmap");
                if (!t.equals("bitmap") && !t.equals("mti")) throw new IllegalArgumentException("target: '" + t + "' is not bitmap or mti");
                yield new Corrupt(t);
            }
            case "duplicate" -> new Duplicate();
            case "blackhole" -> new Blackhole();
            case "bandwidth" -> new Bandwidth(number(p, "bytes-per-second", 1, Long.MAX_VALUE));
            default -> throw new IllegalArgumentException("action: '" + name + "' is not one of " + String.join(", ", new java.util.TreeSet<>(NAMES)));
        };
    }

    private static Duration duration(Map<String, String> p, String key, Duration def) {
        String v = p.get(key);
        if (v == null) {
            if (def == null) throw new IllegalArgumentException(key + ": required, e.g. PT2S");
            return def;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative()) throw new IllegalArgumentException(key + ": must not be negative");
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not an ISO-8601 duration such as PT2S");
        }
    }

    private static long number(Map<String, String> p, String key, long min, long max) {
        String v = p.get(key);
        if (v == null) throw new IllegalArgumentException(key + ": required");
        return WholeNumbers.parse(key, v, min, max);
    }
}
