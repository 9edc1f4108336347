package io.acqsim.proxy;

import java.util.ArrayDeque;

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
 * <p>
 * What the client sends before the target connection is up waits here, in order, and goes on when
 * it is ({@link #targetConnected}). Reading is paused until then, but a transport may still deliver:
 * epoll reads what is pending when the client's FIN arrives, whatever auto-read says.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(Relay.class);

    private final Session session;
    private ArrayDeque<Object> early;
    private ChannelHandlerContext ctx;

    Relay(Session session) {
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The target connection is up: what the client sent meanwhile goes on, in order. */
    void targetConnected() {
        ArrayDeque<Object> waiting = early;
        early = null;
        if (waiting == null) return;
        for (Object msg : waiting) channelRead(ctx, msg);
        channelReadComplete(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (early != null) early.forEach(ReferenceCountUtil::release);
        early = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel self = ctx.channel();
        if (self == session.client && session.connecting()) {
            if (early == null) early = new ArrayDeque<>();
            early.add(msg);
            return;
        }
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
