package io.acqsim.fault;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Delays the message by {@code delay} plus a uniform random part up to {@code jitter}; on an emulated
 * link the answer comes that much later (and may miss the issuer timeout).
 */
public record Latency(Duration delay, Duration jitter) implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("latency", List.of("latency", "jitter"),
            p -> new Latency(p.duration("latency", null), p.duration("jitter", Duration.ZERO)));

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.RESPONSE; }

    public void act(Wire wire) {
        wire.passAfter(draw(wire.random()));
    }

    public Exchange onExchange(RandomGenerator random) {
        return Exchange.delayed(draw(random));
    }

    /** One message's delay: {@code delay} plus {@code jitter} scaled by a uniform draw from {@code random}. */
    public Duration draw(RandomGenerator random) {
        return jitter.isZero() ? delay : delay.plusNanos((long) (random.nextDouble() * jitter.toNanos()));
    }

    @Override
    public String describe() {
        return name() + " " + delay + (jitter.isZero() ? "" : " jitter " + jitter);
    }
}
