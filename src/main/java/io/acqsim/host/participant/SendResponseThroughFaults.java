package io.acqsim.host.participant;

import java.io.Serializable;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.jpos.transaction.AbortParticipant;
import org.jpos.transaction.Context;
import org.jpos.transaction.ContextConstants;

import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalMessage;
import io.acqsim.message.Outcome;

/**
 * Sends the response on the connection the request came from, as jPOS's stock SendResponse does
 * (prepare aborts when the source is gone; commit and abort send; nothing is sent when the result is
 * inhibited, a TX is left in the context, or there is no response or source or it is no longer
 * connected; a send failure is logged, never thrown) — through the host's terminal-link faults
 * ({@link io.acqsim.host.link.TerminalLinkFaults#respond}), which may drop, delay, duplicate or damage
 * it, or act on its connection. The time from the request read to its response handed to the link is
 * recorded ({@link io.acqsim.metrics.TransactionMeters#answered}); a delay the link then adds is not in it.
 */
public final class SendResponseThroughFaults extends HostParticipant implements AbortParticipant {
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

    /** The request's duration, read off the connection to handed to the link, under its kind, profile and code. */
    private void recordDuration(Context ctx, ISOMsg request) {
        Outcome o = ctx.get(Keys.OUTCOME);
        if (!(request instanceof TerminalMessage tm) || tm.receivedNanos() == 0 || o == null || o.responseCode() == null) return;
        host().meters().transactions().answered(kind(ctx), Profile.of(ctx.getString(Keys.PROFILE)), o.responseCode(),
                System.nanoTime() - tm.receivedNanos());
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
            } else {
                ISOMsg request = ctx.get(Keys.REQUEST);
                host().terminalLinks().respond(source, request, response);
                recordDuration(ctx, request);
            }
        } catch (Throwable t) {
            ctx.log(t);
        }
    }
}
