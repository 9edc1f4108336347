package io.acqsim.fault;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** At most {@code bytesPerSecond} on the link. */
public record Bandwidth(long bytesPerSecond) implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("bandwidth", List.of("bytes-per-second"),
            p -> new Bandwidth(p.number("bytes-per-second", 1, Long.MAX_VALUE)));

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.RESPONSE; }

    public void act(Wire wire) {
        wire.passAtRate(bytesPerSecond);
    }

    /** The emulated links carry no bytes: nothing changes. */
    public Exchange onExchange(RandomGenerator random) {
        return Exchange.UNCHANGED;
    }

    /** How long {@code bytes} take at {@code bytesPerSecond}. */
    public static Duration timeFor(long bytes, long bytesPerSecond) {
        return Duration.ofNanos(Math.multiplyExact(bytes, 1_000_000_000L) / bytesPerSecond);
    }

    @Override
    public String describe() {
        return name() + " " + bytesPerSecond + " bytes/s";
    }
}
