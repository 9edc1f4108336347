package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.chip.IccData;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * A chip terminal's advices after the fact are acknowledged with 00: the IC transaction (TC) upload
 * (0320, 60.3 203/205) and failed-transaction upload (204/206) it sends after an approved chip sale or at
 * settlement, and the issuer script result advice (0620, 951). They change no money; the log line
 * names the advice and its chip data's tags (never their values).
 */
public final class AcceptChipAdvice extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        if (!is(ctx, MessageKind.CHIP_ADVICE)) return pass();
        IccData icc = ctx.get(Keys.ICC);
        outcome(ctx).responseCode(ResponseCode.APPROVED)
                .detail("chip advice " + txn(ctx).networkCode() + (icc != null ? ", " + icc.summary() : ", no field 55"));
        return pass();
    }
}
