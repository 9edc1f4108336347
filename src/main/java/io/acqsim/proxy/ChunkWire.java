package io.acqsim.proxy;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.fault.Wire;
import io.acqsim.iso.Profile;
import io.netty.buffer.ByteBuf;

/**
 * A chunk (byte mode) or whole message (message-aware mode) a rule selected, in one direction of one
 * session: "handed on" means forwarded to the other side through the {@link Flow}. The wire owns the
 * chunk's bytes: it forwards them or releases them.
 * <ul>
 *   <li>passAfter: held for the delay; what follows in the same direction waits behind it, as on one
 *       TCP stream; the other direction is not held up;</li>
 *   <li>passFirstBytes: in byte mode the count runs on over the chunks that follow;</li>
 *   <li>passCorrupted, on a copy of the bytes (same length): in byte mode every bit of one byte at a
 *       random position of the chunk is flipped; message-aware, {@code bitmap}: the primary bitmap
 *       claims the lowest field it announced (2–64) is absent, so the receiver reads every later field
 *       from the wrong offset; {@code mti}: the low bit of the MTI's third digit flips (0210 ↔ 0200),
 *       an answer of the wrong type. A frame too short to hold a bitmap is forwarded unchanged and logged;</li>
 *   <li>loseAnswer: the proxy does not tie answers to requests here: a selected request is dropped
 *       like a response;</li>
 *   <li>reset and blackhole act on both sides of the session.</li>
 * </ul>
 */
record ChunkWire(Chunk chunk, Flow flow) implements Wire {
    private static final Logger LOG = LogManager.getLogger(ChunkWire.class);

    @Override
    public void pass() {
        flow.pass(chunk.bytes());
    }

    @Override
    public void passAfter(Duration delay) {
        flow.delay(chunk.bytes(), delay.toNanos());
    }

    @Override
    public void passAtRate(long bytesPerSecond) {
        flow.throttle(chunk.bytes(), bytesPerSecond);
    }

    @Override
    public void passTwice() {
        flow.pass(chunk.bytes().retainedDuplicate());
        flow.pass(chunk.bytes());
    }

    @Override
    public void passFirstBytes(int bytes) {
        flow.closeAfter(chunk.bytes(), bytes);
    }

    @Override
    public void passCorrupted(String target) {
        ByteBuf copy = chunk.bytes().copy();
        chunk.bytes().release();
        Profile p = flow.profile();
        boolean done;
        if (p == null) {
            done = copy.isReadable();
            if (done) {
                int at = copy.readerIndex() + flow.random().nextInt(copy.readableBytes());
                copy.setByte(at, ~copy.getByte(at));
            }
        } else {
            done = target.equals("mti") ? Corruption.mti(p, copy) : Corruption.bitmap(p, copy);
        }
        if (!done) LOG.info("corrupt {}: {} is too short to corrupt; forwarded unchanged", target, chunk.describe());
        flow.pass(copy);
    }

    @Override
    public void drop() {
        chunk.bytes().release();
    }

    @Override
    public void loseAnswer() {
        drop();
    }

    @Override
    public void reset() {
        chunk.bytes().release();
        flow.reset();
    }

    @Override
    public void blackhole() {
        chunk.bytes().release();
        flow.blackhole();
    }

    @Override
    public RandomGenerator random() {
        return flow.random();
    }
}
