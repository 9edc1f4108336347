package io.acqsim.proxy;

import io.acqsim.fault.NetworkAction;
import io.acqsim.iso.Profile;
import io.netty.buffer.ByteBuf;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Corrupt, on a copy of the bytes (same length):
 * <ul>
 * <li>byte mode: every bit of one byte at a random position of the chunk is flipped;</li>
 * <li>message-aware, {@code target=bitmap}: the primary bitmap claims the lowest field it announced
 *     (2–64) is absent, so the receiver reads every later field from the wrong offset — still a
 *     well-formed bitmap (binary on cup, hex characters on iso87a), wrong content;</li>
 * <li>message-aware, {@code target=mti}: the low bit of the MTI's third digit flips
 *     (0210 ↔ 0200, 0410 ↔ 0400, 0810 ↔ 0800), an answer of the wrong type.</li>
 * </ul>
 * A frame too short to hold a bitmap is forwarded unchanged and logged.
 */
final class CorruptEffect implements Effect {
    private static final Logger LOG = LogManager.getLogger(CorruptEffect.class);

    private final String target;

    CorruptEffect(NetworkAction.Corrupt c) {
        this.target = c.target();
    }

    @Override
    public void apply(Chunk chunk, Flow flow) {
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
}
