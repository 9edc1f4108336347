package io.acqsim.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.acqsim.fault.Direction;
import io.acqsim.fault.Link;
import io.acqsim.fault.NetworkRule;
import io.acqsim.iso.Profile;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Asks the registry, for each chunk or message going one way, for the first rule that acts on it
 * now ({@link Link#TERMINAL}, this side's direction) and lets that rule's action act on a {@link ChunkWire}; with no
 * rule it passes the bytes on untouched. Turns the side's FIN and close into {@link Control} events
 * that follow the data in order.
 */
final class FaultStage extends ChannelInboundHandlerAdapter implements Flow {
    private static final Logger LOG = LogManager.getLogger(FaultStage.class);

    private final Session session;
    private final Direction direction;
    private ChannelHandlerContext ctx;
    /** Byte-mode close-after-bytes: bytes still to pass before both sides close; -1 when not counting. */
    private long budget = -1;
    /** Set once a fault ended the session (reset, close-after-bytes): nothing more passes. */
    private boolean ended;

    FaultStage(Session session, Direction direction) {
        this.session = session;
        this.direction = direction;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Chunk c = msg instanceof Chunk ch ? ch : msg instanceof ByteBuf b ? Chunk.bytes(b) : null;
        if (c == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (ended || session.blackholed()) {
            c.bytes().release();
            return;
        }
        if (budget >= 0) {
            spend(c.bytes());
            return;
        }
        ProxyContext pc = session.context;
        List<NetworkRule> rules = pc.registry().rules();
        NetworkRule r = rules.isEmpty() ? null : pc.registry().network(Link.TERMINAL, direction, c.facts(), pc.clock().instant());
        if (r == null) {
            ctx.fireChannelRead(c.bytes());
            return;
        }
        String what = String.format(Locale.ROOT, "%s %s on %s %s (%s)", r.faultId(), r.action().name(),
                direction == Direction.REQUEST ? "request" : "response", c.describe(), session);
        LOG.info(what);
        pc.monitor().accept(what);
        r.action().act(new ChunkWire(c, this));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.fireChannelRead(Control.EOF);
            ctx.fireChannelReadComplete();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ctx.fireChannelRead(Control.CLOSED);
        ctx.fireChannelReadComplete();
        ctx.fireChannelInactive();
    }

    @Override
    public void pass(ByteBuf b) {
        ctx.fireChannelRead(b);
    }

    @Override
    public void delay(ByteBuf b, long nanos) {
        ctx.fireChannelRead(new Paced(b, nanos, 0));
    }

    @Override
    public void throttle(ByteBuf b, long bytesPerSecond) {
        ctx.fireChannelRead(new Paced(b, 0, bytesPerSecond));
    }

    @Override
    public void closeAfter(ByteBuf b, int bytes) {
        if (session.context.messageAware()) {
            pass(b.readRetainedSlice(Math.min(bytes, b.readableBytes())));
            b.release();
            end();
        } else {
            budget = bytes;
            spend(b);
        }
    }

    private void spend(ByteBuf b) {
        int take = (int) Math.min(budget, b.readableBytes());
        if (take > 0) pass(b.readRetainedSlice(take));
        b.release();
        budget -= take;
        if (budget == 0) end();
    }

    private void end() {
        ended = true;
        budget = -1;
        ctx.fireChannelRead(Control.CLOSE_BOTH);
    }

    @Override
    public void reset() {
        ended = true;
        session.reset();
    }

    @Override
    public void blackhole() {
        session.blackhole();
    }

    @Override
    public Profile profile() {
        return session.context.profile();
    }

    @Override
    public Random random() {
        return session.random;
    }
}
