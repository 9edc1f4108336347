package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.config.Terminal;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/** Sign-on (returns the host's batch number for the terminal), echo and sign-off. */
public final class NetworkManagement extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        if (!is(ctx, MessageKind.SIGN_ON, MessageKind.SIGN_OFF, MessageKind.ECHO)) return pass();
        TerminalRequest t = txn(ctx);
        Terminal terminal = host().registry().terminal(t.tid());
        switch (t.kind()) {
            case SIGN_ON -> outcome(ctx).hostBatchNumber(
                    host().batches().signOn(t.tid(), terminal.merchantId(), outcome(ctx).capturedAt()));
            case SIGN_OFF -> host().ledger().signOff(t.tid());
            default -> { }
        }
        outcome(ctx).responseCode(ResponseCode.APPROVED);
        return pass();
    }
}
