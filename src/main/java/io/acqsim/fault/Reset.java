package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** The connection is reset (TCP RST) when a selected message passes; the message is lost. */
public record Reset() implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("reset", List.of(), p -> new Reset());

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.REQUEST; }

    public void act(Wire wire) {
        wire.reset();
    }

    public Exchange onExchange(RandomGenerator random) {
        return Exchange.LOST;
    }
}
