package io.acqsim.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The last handler of each side: writes what arrives to the other side and flushes once per read
 * burst. Back-pressure: when the other side's outbound buffer is full this side stops reading, and
 * reads again when it drains. Carries out the connection events ({@link Control}) in order with the
 * data. An I/O error closes this side only; the session follows through its close event.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(Relay.class);

    private final Session session;

    Relay(Session session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel self = ctx.channel();
        Channel peer = session.peer(self);
        if (msg instanceof ByteBuf b) {
            if (peer == null || !peer.isActive() || session.blackholed()) {
                b.release();
                return;
            }
            peer.write(b, peer.voidPromise());
            if (!peer.isWritable()) {
                // pause first: the flush can drain the buffer and fire the writability change that resumes
                session.pause(self, Session.PEER_BUSY);
                peer.flush();
            }
        } else if (msg instanceof Control c) {
            if (peer != null) peer.flush();
            switch (c) {
                case EOF -> session.eof(self);
                case CLOSED -> session.closed(self);
                case CLOSE_BOTH -> session.closeBoth();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel peer = session.peer(ctx.channel());
        if (peer != null) peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) session.resume(session.peer(ctx.channel()), Session.PEER_BUSY);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("{} side of {}: {}; closing it", session.direction(ctx.channel()) == io.acqsim.fault.Direction.REQUEST ? "client" : "target",
                session, cause.toString());
        ctx.close();
    }
}
