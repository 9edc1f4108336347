package io.acqsim.host.participant;


import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.iso.Profile;
import io.acqsim.message.Dialect;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;

/**
 * Builds the response from the outcome, on the approved and the refused path alike, for
 * {@link SendResponseThroughFaults} to send. A message that is itself a response (odd third MTI digit) is
 * not answered. The outcome is logged in one line, without card data, and counted
 * ({@link io.acqsim.metrics.TransactionMeters#decided}).
 */
public final class BuildResponse extends AnswerStep {
    private static final Logger LOG = LogManager.getLogger("acqsim.transactions");

    @Override
    protected void answer(Context ctx) {
        ISOMsg request = ctx.get(Keys.REQUEST);
        Outcome o = outcome(ctx);
        if (o.responseCode() == null) o.responseCode(ResponseCode.SYSTEM_MALFUNCTION).detail("no participant decided");
        if (Dialect.responseMti(request.getString(0)) == null) {
            ctx.log("not answering " + request.getString(0) + ": it is not a request");
            return;
        }
        Profile profile = Profile.of(ctx.getString(Keys.PROFILE));
        logOutcome(ctx, profile, request, o);
        host().meters().transactions().decided(kind(ctx), profile, o.responseCode());
        try {
            ctx.put(Keys.RESPONSE, host().dialect(profile).respond(request, txn(ctx), o, host().config().zone()));
        } catch (ISOException e) {
            LOG.error("cannot build the response to {} on {}: {}", request.getString(0), profile, e.getMessage());
        }
    }

    /** One line per transaction: approvals at DEBUG, everything else at INFO, with the reason. */
    private static void logOutcome(Context ctx, Profile profile, ISOMsg request, Outcome o) {
        boolean ok = o.approved();
        if (ok ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) return;
        var t = txn(ctx);
        String what = t == null ? request.getString(0) + " (undecoded)"
                : t.mti() + " " + t.kind() + " " + t.tid() + " STAN " + t.stan() + (t.kind().isFinancial() ? " amount " + t.amountMinor() : "");
        String line = profile + " " + what + " -> " + o.responseCode() + (o.rrn() != null ? " RRN " + o.rrn() : "")
                + (o.detail() != null ? " (" + o.detail() + ")" : "");
        if (ok) LOG.debug(line);
        else LOG.info(line);
    }
}
