package io.acqsim.host.participant;


import org.jpos.transaction.Context;

import io.acqsim.chip.Arpc;
import io.acqsim.chip.IccData;
import io.acqsim.chip.IssuerResponse;
import io.acqsim.message.Outcome;

/**
 * The issuer's chip data in the answer to a chip request, approved or declined: field 55 with 91
 * (TEST ARPC, method 1, see {@link Arpc}) when the request carried an ARQC and an issuer key is
 * configured, and 8A (the response code). Runs on both paths, before the response is built.
 */
public final class AnswerChip extends AnswerStep {

    @Override
    protected void answer(Context ctx) {
        IccData icc = ctx.get(Keys.ICC);
        var t = txn(ctx);
        Outcome o = outcome(ctx);
        if (icc == null || t == null || !t.kind().isFinancial() || o.responseCode() == null) return;
        Arpc arpc = Chip.settings().arpc();
        o.detail(o.detail() == null ? icc.summary() : o.detail() + "; " + icc.summary());
        o.iccResponse(arpc == null ? IssuerResponse.withoutArpc(o.responseCode().code()) : IssuerResponse.build(icc, o.responseCode().code(), arpc));
    }
}
