package io.acqsim.host.participant;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.iso.Profile;
import io.acqsim.keys.MacAlgorithm;
import io.acqsim.keys.MessageMac;
import io.acqsim.keys.WorkingKeys;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Verifies the MAC (field 64, or 128 with a secondary bitmap) of every request that must carry one
 * ({@link MessageMac#required}) from a terminal whose range has MAC on, with the MAK of its last
 * sign-on. A missing or wrong MAC, or no keys at all, is answered A0 on cup and 63 on iso87a, and the
 * terminal's working keys are forgotten: every further request is refused the same way until it signs on again.
 */
public final class CheckMac extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        ISOMsg request = ctx.get(Keys.REQUEST);
        if (!MessageMac.required(request.getString(0))) return pass();
        if (host().masterKeys().mac(t.tid(), t.profile()) == MacAlgorithm.OFF) return pass();
        ResponseCode error = t.profile() == Profile.CUP ? ResponseCode.MAC_ERROR : ResponseCode.SECURITY_VIOLATION;
        WorkingKeys keys = host().workingKeys().get(t.tid());
        if (keys == null) return refuse(ctx, error, "terminal " + t.tid() + " has no working keys: sign on");
        boolean ok;
        try {
            ok = MessageMac.verify(request, host().packager(t.profile()), keys.macs());
        } catch (ISOException e) {
            ok = false;
        }
        if (ok) return pass();
        host().workingKeys().forget(t.tid());
        int field = MessageMac.macField(request);
        return refuse(ctx, error, (request.hasField(field) ? "wrong MAC in " : "no MAC in ") + field
                + " from " + t.tid() + "; its keys are forgotten, it must sign on again");
    }
}
