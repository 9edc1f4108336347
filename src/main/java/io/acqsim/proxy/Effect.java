package io.acqsim.proxy;

import io.acqsim.fault.NetworkAction;

/**
 * What the proxy does to a chunk (byte mode) or a whole message (message-aware mode) a rule
 * selected: one class per {@link NetworkAction} type, found by {@link #of}. An effect owns the
 * chunk's bytes: it forwards them through the {@link Flow} or releases them.
 */
interface Effect {
    void apply(Chunk chunk, Flow flow);

    static Effect of(NetworkAction a) {
        return switch (a) {
            case NetworkAction.Latency l -> new LatencyEffect(l);
            case NetworkAction.DropRequest d -> DropEffect.INSTANCE;
            case NetworkAction.DropResponse d -> DropEffect.INSTANCE;
            case NetworkAction.Reset r -> (c, f) -> {
                c.bytes().release();
                f.reset();
            };
            case NetworkAction.CloseAfterBytes c -> (chunk, f) -> f.closeAfter(chunk.bytes(), c.bytes());
            case NetworkAction.Corrupt c -> new CorruptEffect(c);
            case NetworkAction.Duplicate d -> DuplicateEffect.INSTANCE;
            case NetworkAction.Blackhole b -> (c, f) -> {
                c.bytes().release();
                f.blackhole();
            };
            case NetworkAction.Bandwidth b -> (c, f) -> f.throttle(c.bytes(), b.bytesPerSecond());
        };
    }
}
