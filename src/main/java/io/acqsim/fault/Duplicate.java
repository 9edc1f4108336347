package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** The message is delivered twice, back to back (a repeated 0400, a doubled 0210). */
public record Duplicate() implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("duplicate", List.of(), p -> new Duplicate());

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.RESPONSE; }

    public void act(Wire wire) {
        wire.passTwice();
    }

    /** The issuer sees the request twice, or the host the answer twice, and the first answer counts: nothing changes. */
    public Exchange onExchange(RandomGenerator random) {
        return Exchange.UNCHANGED;
    }
}
