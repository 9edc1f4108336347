package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.config.Terminal;
import io.acqsim.iso.CupHeader;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * The terminal's batch number, where the request carries one (cup 60.2; iso87a optional field 60),
 * must be the batch the host holds open for it; otherwise 77 and, on cup, "sign on again" in the header,
 * after which the sign-on response tells the terminal the host's number.
 */
public final class CheckBatchNumber extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (t.kind().isNetworkManagement()) return pass();
        Terminal terminal = host().registry().terminal(t.tid());
        int open = host().batches().openBatch(t.tid(), terminal.merchantId(), outcome(ctx).capturedAt());
        if (t.batchNumber() >= 0 && t.batchNumber() != open) {
            open = host().batches().reread(t.tid(), terminal.merchantId(), outcome(ctx).capturedAt());   // settled at another node?
        }
        ctx.put(Keys.BATCH, open);
        if (t.batchNumber() >= 0 && t.batchNumber() != open && t.kind() != MessageKind.REVERSAL) {
            outcome(ctx).processingRequirement(CupHeader.SIGN_ON_AGAIN);
            return refuse(ctx, ResponseCode.BATCH_NUMBER_MISMATCH, "batch " + t.batchNumber() + " is not the open batch " + open + " of " + t.tid());
        }
        return pass();
    }
}
