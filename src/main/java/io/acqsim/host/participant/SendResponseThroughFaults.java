package io.acqsim.host.participant;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.jpos.transaction.AbortParticipant;
import org.jpos.transaction.Context;
import org.jpos.transaction.ContextConstants;

import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultLayer;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.MessageFacts;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.NetworkRule;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.q2.TerminalConnections;

/**
 * Sends the response on the connection the request came from, as jPOS's stock SendResponse does
 * (prepare aborts when the source is gone; commit and abort send; nothing is sent when the result is
 * inhibited, a TX is left in the context, or there is no response or source or it is no longer
 * connected; a send failure is logged, never thrown) — and is the response side of the in-host
 * terminal-link fault layer. Rules are selected with the request's facts and the response's MTI, so
 * {@code mti: "0200"} and {@code mti: "0210"} both select the 0210. The first
 * {@link Link#TERMINAL} {@link Direction#RESPONSE} rule that selects it acts:
 * <ul>
 *   <li>drop-response: not sent (the request was processed and recorded; the terminal times out);</li>
 *   <li>latency (+ jitter), bandwidth (the frame's size at that rate): sent later by a virtual thread, so
 *       the TransactionManager session is free at once; wall-clock time; if the terminal has closed the
 *       connection by then, the answer is lost;</li>
 *   <li>duplicate: sent twice;</li>
 *   <li>corrupt: the framed message is sent with every bit of its primary bitmap (or MTI) inverted;</li>
 *   <li>reset: not sent, the connection is closed with SO_LINGER 0 (the terminal sees a RST);</li>
 *   <li>close-after-bytes: only the first N bytes of the frame are sent, then the connection is closed;</li>
 *   <li>blackhole: not sent, and the connection goes deaf: it stays open, nothing more is answered.</li>
 * </ul>
 * A connection already made deaf gets no response.
 */
public final class SendResponseThroughFaults extends HostParticipant implements AbortParticipant {
    private static final Logger LOG = LogManager.getLogger("acqsim.faults");
    private static final String SOURCE = ContextConstants.SOURCE.toString();
    private static final String TX = ContextConstants.TX.toString();

    @Override
    protected int prepare(Context ctx) {
        ISOSource source = ctx.get(SOURCE);
        if (source == null || !source.isConnected()) {
            ctx.log(SOURCE + " not present or no longer connected");
            return ABORTED | READONLY | NO_JOIN;
        }
        return PREPARED | READONLY;
    }

    @Override
    public void commit(long id, Serializable context) {
        send((Context) context);
    }

    @Override
    public void abort(long id, Serializable context) {
        send((Context) context);
    }

    private void send(Context ctx) {
        ISOSource source = ctx.get(SOURCE);
        ISOMsg response = ctx.get(Keys.RESPONSE);
        try {
            if (ctx.getResult().hasInhibit()) {
                ctx.log("*** RESPONSE INHIBITED ***");
            } else if (ctx.get(TX) != null) {
                ctx.log("*** PANIC - TX not null - RESPONSE OMITTED ***");
            } else if (response == null) {
                ctx.log(Keys.RESPONSE + " not present");
            } else if (source == null || !source.isConnected()) {
                ctx.log(SOURCE + " not present or no longer connected");
            } else if (TerminalConnections.isDeaf(source)) {
                LOG.debug("blackholed connection: not answering {} STAN {}", response.getString(0), response.getString(11));
            } else {
                NetworkRule rule = FaultLayer.BYPASS ? null : rule(ctx.get(Keys.REQUEST), response);
                if (rule != null) apply(rule, source, response);
                else source.send(response);
            }
        } catch (Throwable t) {
            ctx.log(t);
        }
    }

    private NetworkRule rule(ISOMsg request, ISOMsg response) {
        FaultRegistry faults = host().faults();
        if (faults.rules().isEmpty()) return null;
        MessageFacts r = MessageFacts.of(request);
        MessageFacts facts = new MessageFacts(response.getString(0), r.processingCode(), r.tid(), r.mid(), r.amount());
        return faults.network(Link.TERMINAL, Direction.RESPONSE, facts, host().clock().instant());
    }

    private static void apply(NetworkRule rule, ISOSource source, ISOMsg response) throws IOException, ISOException {
        NetworkAction action = rule.action();
        LOG.info("{} terminal response {}: {} {} STAN {}", rule.faultId(), action.name(), response.getString(0), response.getString(41),
                response.getString(11));
        switch (action) {
            case NetworkAction.DropResponse d -> { }
            case NetworkAction.DropRequest d -> { }   // a drop-request rule forced onto responses: the same as drop-response
            case NetworkAction.Latency l -> sendAfter(l.draw(ThreadLocalRandom.current()), source, response);
            case NetworkAction.Bandwidth b -> sendAfter(b.timeFor(frame(source, response, false, null).length), source, response);
            case NetworkAction.Duplicate d -> {
                source.send(response);
                source.send(response);
            }
            case NetworkAction.Corrupt c -> sendRaw(source, frame(source, response, true, c.target()));
            case NetworkAction.Reset r -> TerminalConnections.reset(source);
            case NetworkAction.CloseAfterBytes c -> {
                byte[] frame = frame(source, response, false, null);
                if (c.bytes() > 0) sendRaw(source, java.util.Arrays.copyOf(frame, Math.min(c.bytes(), frame.length)));
                TerminalConnections.close(source);
            }
            case NetworkAction.Blackhole b -> TerminalConnections.deafen(source);
        }
    }

    private static void sendAfter(Duration delay, ISOSource source, ISOMsg response) {
        Thread.ofVirtual().name("acqsim-fault-response-latency").start(() -> {
            try {
                Thread.sleep(delay);
                if (!source.isConnected() || TerminalConnections.isDeaf(source)) {
                    LOG.info("late {} STAN {} not sent: the connection is gone", response.getString(0), response.getString(11));
                    return;
                }
                source.send(response);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | ISOException e) {
                LOG.info("late {} STAN {} not sent: {}", response.getString(0), response.getString(11), e.getMessage());
            }
        });
    }

    /** The response as the connection's channel frames it, its bitmap or MTI inverted when {@code corrupt}. */
    private static byte[] frame(ISOSource source, ISOMsg response, boolean corrupt, String target) throws IOException, ISOException {
        if (!(source instanceof TerminalChannel c)) throw new ISOException("cannot frame on " + source.getClass().getName());
        if (!corrupt) return c.frame(response, b -> b);
        return c.frame(response, b -> {
            try {
                return c.corrupt(b, target);
            } catch (ISOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private static void sendRaw(ISOSource source, byte[] bytes) throws IOException, ISOException {
        ((TerminalChannel) source).send(bytes);
    }
}
