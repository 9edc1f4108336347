package io.acqsim.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Each action on the proxy's side, byte mode: real bytes into the real fault stage of one session
 * (an EmbeddedChannel, no sockets), and what the stage hands on to the pacer.
 */
class ChunkWireTest {
    static final byte[] BYTES = {0, 5, 'h', 'e', 'l', 'l', 'o'};

    private EmbeddedChannel stage(String spec) {
        return stage(spec, Direction.REQUEST);
    }

    /** The fault stage of one side of a session whose registry holds the one rule {@code spec}. */
    private EmbeddedChannel stage(String spec, Direction side) {
        FaultRegistry registry = new FaultRegistry(7);
        InlineFault.add(registry, spec, false);
        EmbeddedChannel ch = new EmbeddedChannel();
        Session session = new Session(new ProxyContext(registry, Clock.systemUTC(), null, null, s -> { }, null), ch, 7);
        ch.pipeline().addLast("faults", new FaultStage(session, side));
        return ch;
    }

    private static ByteBuf chunk() {
        return Unpooled.copiedBuffer(BYTES);
    }

    private static byte[] bytes(Object o) {
        ByteBuf b = assertInstanceOf(ByteBuf.class, o);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void withNoRuleTheBytesPassUntouched() {
        EmbeddedChannel ch = stage("drop-request,direction=request,from=2099-01-01T00:00Z");
        ch.writeInbound(chunk());
        assertArrayEquals(BYTES, bytes(ch.readInbound()));
    }

    @Test
    void dropRequestAndDropResponseDiscard() {
        EmbeddedChannel requests = stage("drop-request", Direction.REQUEST);
        requests.writeInbound(chunk());
        assertNull(requests.readInbound());
        EmbeddedChannel responses = stage("drop-response", Direction.RESPONSE);
        responses.writeInbound(chunk());
        assertNull(responses.readInbound());
        assertTrue(responses.isOpen());
    }

    @Test
    void duplicatePassesTheSameBytesTwice() {
        EmbeddedChannel ch = stage("duplicate,direction=request");
        ch.writeInbound(chunk());
        assertArrayEquals(BYTES, bytes(ch.readInbound()));
        assertArrayEquals(BYTES, bytes(ch.readInbound()));
        assertNull(ch.readInbound());
    }

    @Test
    void latencyHandsThePacerTheDelayWithinTheJitter() {
        EmbeddedChannel ch = stage("latency,latency=100ms,jitter=50ms,direction=request");
        ch.writeInbound(chunk());
        Paced p = assertInstanceOf(Paced.class, ch.readInbound());
        assertTrue(p.delayNanos() >= 100_000_000L && p.delayNanos() <= 150_000_000L, String.valueOf(p.delayNanos()));
        assertEquals(0, p.bytesPerSecond());
        assertArrayEquals(BYTES, bytes(p.bytes()));
    }

    @Test
    void bandwidthHandsThePacerTheRate() {
        EmbeddedChannel ch = stage("bandwidth,bytes-per-second=1000,direction=request");
        ch.writeInbound(chunk());
        Paced p = assertInstanceOf(Paced.class, ch.readInbound());
        assertEquals(1000, p.bytesPerSecond());
        assertArrayEquals(BYTES, bytes(p.bytes()));
    }

    @Test
    void corruptInvertsOneByteOfTheChunk() {
        EmbeddedChannel ch = stage("corrupt,direction=request");
        ch.writeInbound(chunk());
        byte[] got = bytes(ch.readInbound());
        assertEquals(BYTES.length, got.length);
        int changed = 0;
        for (int i = 0; i < got.length; i++) {
            if (got[i] != BYTES[i]) {
                changed++;
                assertEquals((byte) ~BYTES[i], got[i]);
            }
        }
        assertEquals(1, changed);
    }

    @Test
    void closeAfterBytesCountsOnOverTheChunksThatFollowThenClosesBoth() {
        EmbeddedChannel ch = stage("close-after-bytes,bytes=9,direction=request,first=1");
        ch.writeInbound(chunk());
        ch.writeInbound(chunk());
        assertArrayEquals(BYTES, bytes(ch.readInbound()));
        assertArrayEquals(new byte[] {0, 5}, bytes(ch.readInbound()));
        assertEquals(Control.CLOSE_BOTH, ch.readInbound());
        ch.writeInbound(chunk());
        assertNull(ch.readInbound(), "nothing passes once the session ended");
    }

    @Test
    void resetClosesTheSession() {
        EmbeddedChannel ch = stage("reset");
        ch.writeInbound(chunk());
        assertFalse(ch.isOpen());
        assertEquals(Control.CLOSED, ch.readInbound(), "only the close follows; the bytes are gone");
        assertNull(ch.readInbound());
    }

    @Test
    void blackholeKeepsTheConnectionAndSwallowsEverythingAfter() {
        EmbeddedChannel ch = stage("blackhole,first=1");
        ch.writeInbound(chunk());
        ch.writeInbound(chunk());
        assertNull(ch.readInbound());
        assertTrue(ch.isOpen());
    }
}
