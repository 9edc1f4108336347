package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** The request is processed but its answer is lost: the terminal times out and reverses. */
public record DropResponse() implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("drop-response", List.of(), p -> new DropResponse());

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.RESPONSE; }

    public void act(Wire wire) {
        wire.loseAnswer();
    }

    public Exchange onExchange(RandomGenerator random) {
        return Exchange.LOST;
    }
}
