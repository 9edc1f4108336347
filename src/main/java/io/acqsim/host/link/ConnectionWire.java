package io.acqsim.host.link;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import org.jpos.iso.ISOSource;

import io.acqsim.fault.Wire;

/** What both sides of a terminal link do alike: act on the connection the message travels on. */
interface ConnectionWire extends Wire {
    /** The terminal's connection. */
    ISOSource source();

    /** The host's record of its connections, where deaf ones are kept. */
    TerminalConnections connections();

    /** Closes the connection with SO_LINGER 0: the terminal sees a RST. */
    @Override
    default void reset() {
        TerminalConnections.reset(source());
    }

    /** The connection stays open and goes deaf: nothing more is read from it or answered on it. */
    @Override
    default void blackhole() {
        connections().deafen(source());
    }

    @Override
    default RandomGenerator random() {
        return ThreadLocalRandom.current();
    }
}
