package io.acqsim.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates a request into one FullHttpRequest of at most {@code maxBytes} of body. A larger one is
 * not answered here but passed on as {@link TooLarge}, so its 413 is written in turn with the
 * connection's other answers, as a catalogue error. The rest of its body is discarded; the
 * connection stays usable unless part of the body had already been taken in or the client asked to
 * close.
 */
final class BodyLimit extends HttpObjectAggregator {
    /** Stands for a request whose body was over the limit. */
    record TooLarge(boolean close) {}

    BodyLimit(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.isKeepAlive(oversized) && !HttpUtil.is100ContinueExpected(oversized);
        ctx.fireChannelRead(new TooLarge(close));
    }
}
