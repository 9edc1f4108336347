package io.acqsim.proxy;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Message-aware framing of both profiles: a 2-byte big-endian length that excludes itself, then that
 * many bytes (cup's 11-byte header included). Each frame goes on whole, length prefix and all, so an
 * untouched frame is forwarded byte for byte. Bytes left over when the side closes (a partial frame)
 * go on as they are rather than being lost.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    static final int MAX_FRAME = 2 + 0xFFFF;

    FrameDecoder() {
        super(MAX_FRAME, 0, 2, 0, 0);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) out.add(in.readRetainedSlice(in.readableBytes()));
    }
}
