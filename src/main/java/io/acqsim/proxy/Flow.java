package io.acqsim.proxy;

import java.util.Random;

import io.acqsim.iso.Profile;
import io.netty.buffer.ByteBuf;

/** What a {@link ChunkWire} can do with the chunk or message in hand, in one direction of one session. */
interface Flow {
    /** Forward now (after anything still held back). */
    void pass(ByteBuf b);

    /** Forward after {@code nanos}. */
    void delay(ByteBuf b, long nanos);

    /** Forward at no more than {@code bytesPerSecond}. */
    void throttle(ByteBuf b, long bytesPerSecond);

    /**
     * Forward the first {@code bytes} bytes, then close both sides. In byte mode the count runs on
     * over the chunks that follow until {@code bytes} have passed.
     */
    void closeAfter(ByteBuf b, int bytes);

    /** TCP RST to both sides. */
    void reset();

    /** Nothing more crosses in either direction; both connections stay open. */
    void blackhole();

    /** The profile in message-aware mode, null in byte mode. */
    Profile profile();

    /** The session's seeded random (jitter, which byte to corrupt). */
    Random random();
}
