package io.acqsim.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneId;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The framing and the corruption of packed messages, without sockets. */
class PipelineTest {

    @Test
    void framesAreSplitAndJoinedOnTheLengthPrefix() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 'a', 'b', 'c', 0}));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {2, 'd'}));
        assertFrame(new byte[] {0, 3, 'a', 'b', 'c'}, ch.readInbound());
        assertNull(ch.readInbound(), "the second frame is not whole yet");
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'e', 0, 9, 'x'}));
        assertFrame(new byte[] {0, 2, 'd', 'e'}, ch.readInbound());
        ch.finish();
        assertFrame(new byte[] {0, 9, 'x'}, ch.readInbound());
    }

    @Test
    void corruptBitmapClearsTheLowestFieldAndKeepsTheLength() throws Exception {
        for (Profile p : Profile.values()) {
            RequestFactory rf = new RequestFactory(p, "T0000001", "M00000000000001", Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
            ISOMsg m = rf.cardPurchase("000001", 1, 1234, "6222021234567890123", "2912", "051");
            byte[] frame = frame(p, m);
            ByteBuf b = Unpooled.copiedBuffer(frame);
            assertTrue(Corruption.bitmap(p, b));
            assertEquals(frame.length, b.readableBytes());
            ISOMsg back = unpack(p, ByteBufUtil.getBytes(b));
            assertFalse(back != null && back.hasField(2) && m.getString(2).equals(back.getString(2)), p + ": field 2 is gone or garbled");

            ByteBuf mti = Unpooled.copiedBuffer(frame);
            assertTrue(Corruption.mti(p, mti));
            assertEquals("0210", unpack(p, ByteBufUtil.getBytes(mti)).getMTI(), p + ": 0200 becomes 0210");
            assertFalse(Corruption.bitmap(p, Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3})), "too short");
        }
    }

    private static byte[] frame(Profile p, ISOMsg m) throws Exception {
        m.setPackager(io.acqsim.iso.Packagers.load(IsoResponder.PACKAGERS, p));
        byte[] body = m.pack();
        byte[] h = p == Profile.CUP ? io.acqsim.iso.CupHeader.defaultHeader() : new byte[0];
        byte[] f = new byte[2 + h.length + body.length];
        f[0] = (byte) ((h.length + body.length) >> 8);
        f[1] = (byte) (h.length + body.length);
        System.arraycopy(h, 0, f, 2, h.length);
        System.arraycopy(body, 0, f, 2 + h.length, body.length);
        return f;
    }

    private static ISOMsg unpack(Profile p, byte[] frame) {
        try {
            ISOMsg m = new ISOMsg();
            m.setPackager(io.acqsim.iso.Packagers.load(IsoResponder.PACKAGERS, p));
            m.unpack(java.util.Arrays.copyOfRange(frame, 2 + p.headerLength(), frame.length));
            return m;
        } catch (Exception e) {
            return null;
        }
    }

    private static void assertFrame(byte[] expected, Object got) {
        ByteBuf b = (ByteBuf) got;
        assertArrayEquals(expected, ByteBufUtil.getBytes(b));
        b.release();
    }
}
