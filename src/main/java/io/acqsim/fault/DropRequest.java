package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** The request never reaches the host: no answer, the terminal times out. On responses: the response is dropped. */
public record DropRequest() implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("drop-request", List.of(), p -> new DropRequest());

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.REQUEST; }

    public void act(Wire wire) {
        wire.drop();
    }

    public Exchange onExchange(RandomGenerator random) {
        return Exchange.LOST;
    }
}
