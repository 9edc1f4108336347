package io.acqsim.host.participant;


import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.iso.Profile;
import io.acqsim.keys.MacAlgorithm;
import io.acqsim.keys.MessageMac;
import io.acqsim.keys.WorkingKeys;
import io.acqsim.message.TerminalRequest;

/**
 * MACs the response (approvals and declines alike) to a request that must carry a MAC, when the
 * terminal's range has MAC on and it holds working keys. The answer to a MAC error goes without one:
 * its keys are forgotten, which is what the terminal is told.
 */
public final class SignResponse extends AnswerStep {
    private static final Logger LOG = LogManager.getLogger(SignResponse.class);

    @Override
    protected void answer(Context ctx) {
        ISOMsg response = ctx.get(Keys.RESPONSE);
        TerminalRequest t = txn(ctx);
        ISOMsg request = ctx.get(Keys.REQUEST);
        if (response == null || t == null || !MessageMac.required(request.getString(0))) return;
        Profile profile = t.profile();
        if (host().masterKeys().mac(t.tid(), profile) == MacAlgorithm.OFF) return;
        WorkingKeys keys = host().workingKeys().get(t.tid());
        if (keys == null) return;
        try {
            MessageMac.sign(response, host().packager(profile), keys.macs());
        } catch (ISOException | RuntimeException e) {
            LOG.warn("cannot MAC the response to {} from {}: {}", request.getString(0), t.tid(), e.getMessage());
        }
    }
}
