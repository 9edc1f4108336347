package io.acqsim.proxy;

import io.acqsim.fault.MessageFacts;
import io.netty.buffer.ByteBuf;

/**
 * What the fault stage sees of the traffic: in message-aware mode one whole frame (2-byte length,
 * header, message) with the facts the selectors read; in byte mode a chunk as it was read, with
 * {@link MessageFacts#NONE}.
 *
 * @param label how logs name it, e.g. {@code 0210 STAN 000123 T0000001}; null for a byte chunk
 */
record Chunk(ByteBuf bytes, MessageFacts facts, String label) {
    static Chunk bytes(ByteBuf b) {
        return new Chunk(b, MessageFacts.NONE, null);
    }

    String describe() {
        return label != null ? label : bytes.readableBytes() + " bytes";
    }
}
