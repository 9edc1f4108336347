package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/** Amount limits: a zero amount is 13 (invalid amount); above the configured ceiling, 61. */
public final class CheckLimits extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (!t.kind().isFinancial()) return pass();
        if (t.amountMinor() <= 0) return refuse(ctx, ResponseCode.INVALID_AMOUNT, "amount must be greater than zero");
        long max = host().config().maxAmountMinor();
        if (t.amountMinor() > max) return refuse(ctx, ResponseCode.EXCEEDS_AMOUNT_LIMIT, "amount " + t.amountMinor() + " exceeds the limit " + max);
        return pass();
    }
}
