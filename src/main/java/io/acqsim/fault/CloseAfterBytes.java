package io.acqsim.fault;

import java.util.List;
import java.util.random.RandomGenerator;

/** Only the first {@code bytes} bytes of the message get through, then the connection closes. */
public record CloseAfterBytes(int bytes) implements NetworkAction {
    static final NetworkActions.Type TYPE = new NetworkActions.Type("close-after-bytes", List.of("bytes"),
            p -> new CloseAfterBytes((int) p.number("bytes", 0, 1 << 20)));

    public String name() { return TYPE.name(); }

    public Direction defaultDirection() { return Direction.RESPONSE; }

    public void act(Wire wire) {
        wire.passFirstBytes(bytes);
    }

    /** A cut answer cannot be read: lost. */
    public Exchange onExchange(RandomGenerator random) {
        return Exchange.LOST;
    }

    @Override
    public String describe() {
        return name() + " after " + bytes + " bytes";
    }
}
