package io.acqsim.proxy;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.fault.Direction;
import io.acqsim.fault.MessageFacts;
import io.acqsim.iso.Profile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Message-aware mode: unpacks each frame with the profile's packager into the {@link MessageFacts}
 * the selectors read. A request's facts are remembered by STAN (field 11) for the session, and a
 * response's facts take the request's processing code, TID, MID and amount where the request had
 * them, so a rule on {@code mti=0200, tid=T0000001} selects that request's 0210. A frame that does
 * not unpack is forwarded unchanged with no facts, and logged (length and reason, never content).
 * With no rule in the registry nothing is unpacked.
 */
final class Inspector extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(Inspector.class);

    private final Session session;
    private final Direction direction;

    Inspector(Session session, Direction direction) {
        this.session = session;
        this.direction = direction;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (session.context.registry().rules().isEmpty()) {
            ctx.fireChannelRead(Chunk.bytes(frame));
            return;
        }
        ISOMsg m;
        try {
            m = unpack(frame);
        } catch (ISOException | RuntimeException e) {
            LOG.info("{}: a {}-byte frame from the {} does not unpack as {} ({}); forwarded unchanged", session, frame.readableBytes(),
                    direction == Direction.REQUEST ? "client" : "target", session.context.profile(), e.getMessage());
            ctx.fireChannelRead(Chunk.bytes(frame));
            return;
        }
        MessageFacts facts = MessageFacts.of(m);
        String stan = m.getString(11);
        if (direction == Direction.REQUEST) session.rememberRequest(stan, facts);
        else facts = withRequest(facts, session.request(stan));
        String label = facts.mti() + (stan != null ? " STAN " + stan : "") + (facts.tid() != null ? " " + facts.tid() : "");
        ctx.fireChannelRead(new Chunk(frame, facts, label));
    }

    private ISOMsg unpack(ByteBuf frame) throws ISOException {
        Profile p = session.context.profile();
        int declared = frame.getUnsignedShort(frame.readerIndex());
        int body = frame.readableBytes() - 2;
        if (body != declared) throw new ISOException("partial frame: " + body + " of " + declared + " bytes");
        int len = body - p.headerLength();
        if (len <= 0) throw new ISOException("shorter than the " + p.headerLength() + "-byte header");
        byte[] b = ByteBufUtil.getBytes(frame, frame.readerIndex() + 2 + p.headerLength(), len);
        ISOMsg m = new ISOMsg();
        m.setPackager(session.context.packager());
        m.unpack(b);
        return m;
    }

    private static MessageFacts withRequest(MessageFacts response, MessageFacts request) {
        if (request == null) return response;
        return new MessageFacts(response.mti(), or(request.processingCode(), response.processingCode()), or(request.tid(), response.tid()),
                or(request.mid(), response.mid()), request.amount() >= 0 ? request.amount() : response.amount());
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
