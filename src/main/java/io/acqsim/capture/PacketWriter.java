package io.acqsim.capture;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;

/** Writes packet records of one link type to a capture file. Implementations are not thread-safe. */
public interface PacketWriter extends Closeable {
    /** The LINKTYPE_ value every packet written has ({@link LinkLayer}). */
    int linkType();

    /** Writes one packet, captured whole, taken at {@code at}. */
    void write(Instant at, byte[] data, int off, int len) throws IOException;

    void flush() throws IOException;
}
