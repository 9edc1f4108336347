package io.acqsim.fault;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What a network fault does to a selected message (PRODUCT.md §6 {@code action}). One small class per
 * action (Toxiproxy's shape), registered by name in {@link NetworkActions}; each holds its parameters,
 * the direction it acts on by default, and its behaviour, written once against {@link Wire} so the
 * host's terminal link (jPOS channels) and the fault proxy (Netty) apply the same action the same way,
 * and against {@link Exchange} for the links the host emulates without bytes (issuer, settlement bank).
 * Adding an action is one class and its line in {@link NetworkActions}.
 */
public interface NetworkAction {
    /** The name scenario files and {@code --fault} use, e.g. "drop-response". */
    String name();

    Direction defaultDirection();

    /** Does this action to the message in hand; the wire owns the message from then on. */
    void act(Wire wire);

    /** What it does to one exchange on an emulated link: the answer is lost, comes later, or nothing changes. */
    Exchange onExchange(RandomGenerator random);

    /** The name and parameters in one phrase, e.g. {@code latency PT2S jitter PT0.1S}. */
    default String describe() {
        return name();
    }

    /**
     * Builds the action named {@code name} from its parameters ({@code latency}, {@code jitter},
     * {@code bytes}, {@code target}, {@code bytes-per-second}); a missing or bad one is an
     * IllegalArgumentException naming it.
     */
    static NetworkAction parse(String name, Map<String, String> parameters) {
        return NetworkActions.parse(name, parameters);
    }
}
