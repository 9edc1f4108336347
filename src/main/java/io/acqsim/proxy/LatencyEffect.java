package io.acqsim.proxy;

import io.acqsim.fault.NetworkAction;

/**
 * Latency: the chunk or message is held for the delay plus a uniform random part of the jitter
 * (from the session's seeded random). What follows it in the same direction waits behind it, as on
 * one TCP stream; the other direction is not held up.
 */
final class LatencyEffect implements Effect {
    private final long delayNanos;
    private final long jitterNanos;

    LatencyEffect(NetworkAction.Latency l) {
        this.delayNanos = l.delay().toNanos();
        this.jitterNanos = l.jitter().toNanos();
    }

    @Override
    public void apply(Chunk chunk, Flow flow) {
        long jitter = jitterNanos > 0 ? flow.random().nextLong(jitterNanos + 1) : 0;
        flow.delay(chunk.bytes(), delayNanos + jitter);
    }
}
