package io.acqsim.host.participant;

import java.io.Serializable;

import org.jpos.transaction.Context;
import org.jpos.transaction.TransactionParticipant;

import io.acqsim.host.HostServices;
import io.acqsim.message.MessageKind;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Base of acqsim's participants: each does one thing in {@link #prepare(Context)}. A refusal records
 * its response code in the context's {@link Outcome} and returns ABORTED rather than throwing; the
 * response is still built and sent by the abort-aware participants at the end of the chain.
 */
abstract class HostParticipant implements TransactionParticipant {
    private HostServices services;

    @Override
    public final int prepare(long id, Serializable context) {
        Context ctx = (Context) context;
        try {
            return prepare(ctx);
        } catch (RuntimeException e) {
            ctx.log(e);
            outcome(ctx).responseCode(ResponseCode.SYSTEM_MALFUNCTION).detail(getClass().getSimpleName() + ": " + e.getMessage());
            return ABORTED | NO_JOIN;
        }
    }

    protected abstract int prepare(Context ctx);

    protected HostServices host() {
        if (services == null) services = HostServices.get();
        return services;
    }

    protected static TerminalRequest txn(Context ctx) {
        return ctx.get(Keys.TXN);
    }

    /** The request's kind; {@link MessageKind#UNSUPPORTED} when it was not decoded. */
    protected static MessageKind kind(Context ctx) {
        TerminalRequest t = txn(ctx);
        return t == null ? MessageKind.UNSUPPORTED : t.kind();
    }

    protected static boolean is(Context ctx, MessageKind... kinds) {
        TerminalRequest t = txn(ctx);
        if (t == null) return false;
        for (MessageKind k : kinds) if (t.kind() == k) return true;
        return false;
    }

    protected static Outcome outcome(Context ctx) {
        Outcome o = ctx.get(Keys.OUTCOME);
        if (o == null) {
            o = new Outcome();
            ctx.put(Keys.OUTCOME, o);
        }
        return o;
    }

    /** Refuses the request with {@code rc}: nothing further is prepared, the response still goes out. */
    protected static int refuse(Context ctx, ResponseCode rc, String detail) {
        outcome(ctx).responseCode(rc).detail(detail);
        return ABORTED | NO_JOIN;
    }

    /** Nothing to do for this request. */
    protected static int pass() {
        return PREPARED | NO_JOIN | READONLY;
    }
}
