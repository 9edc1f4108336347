package io.acqsim.fault;

import java.time.Instant;

/** When a fault is active, in simulated time: {@code [from, to)}; a null end is open. */
public record Window(Instant from, Instant to) {
    public static final Window ALWAYS = new Window(null, null);

    public Window {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") must be after 'from' (" + from + ")");
        }
    }

    public boolean contains(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
