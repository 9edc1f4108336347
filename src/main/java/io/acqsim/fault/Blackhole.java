package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** Half-open: the connection stays up, nothing more is answered or delivered on it. */
public record Blackhole() implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("blackhole", List.of(), p -> new Blackhole());

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.REQUEST; }

    public void act(Wire wire) {
        wire.blackhole();
    }

    public Exchange onExchange(RandomGenerator random) {
        return Exchange.LOST;
    }
}
