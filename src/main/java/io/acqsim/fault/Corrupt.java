package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** Damages the message: its primary bitmap ({@code target} "bitmap", the default) or its MTI ("mti"). */
public record Corrupt(String target) implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("corrupt", List.of("target"),
            p -> new Corrupt(p.oneOf("target", "bitmap", "bitmap", "mti")));

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.RESPONSE; }

    public void act(Wire wire) {
        wire.passCorrupted(target);
    }

    /** A corrupted answer cannot be read: lost. */
    public Exchange onExchange(RandomGenerator random) {
        return Exchange.LOST;
    }

    @Override
    public String describe() {
        return name() + " " + target;
    }
}
