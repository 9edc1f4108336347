package io.acqsim.proxy;

import java.net.InetSocketAddress;

import io.acqsim.capture.TcpCaptureWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * First handler of the client side when the proxy records a capture ({@code --capture}): what the
 * client sent as it arrives, before any fault, and what is written to the client, after the faults —
 * the client's view of the connection, under the client's and the listener's real addresses. Not
 * installed at all without a capture.
 */
final class CaptureTap extends ChannelDuplexHandler {
    private final TcpCaptureWriter capture;
    private TcpCaptureWriter.Connection connection;

    CaptureTap(TcpCaptureWriter capture) {
        this.capture = capture;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) open(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        open(ctx);
        ctx.fireChannelActive();
    }

    private void open(ChannelHandlerContext ctx) {
        if (connection == null && ctx.channel().remoteAddress() instanceof InetSocketAddress client
                && ctx.channel().localAddress() instanceof InetSocketAddress listener) {
            connection = capture.open(client, listener);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection != null && msg instanceof ByteBuf b && b.isReadable()) connection.fromClient(b.nioBuffer());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (connection != null && msg instanceof ByteBuf b && b.isReadable()) connection.fromServer(b.nioBuffer());
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) connection.close();
        connection = null;
        ctx.fireChannelInactive();
    }
}
