package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.config.Terminal;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/** Terminal registry: an unknown or disabled TID is refused with 58, a TID/MID pair that does not belong together with 03. */
public final class CheckTerminal extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        Terminal terminal = host().registry().terminal(t.tid());
        if (terminal == null) return refuse(ctx, ResponseCode.NOT_PERMITTED_TO_TERMINAL, "terminal " + t.tid() + " is not registered");
        if (!terminal.enabled()) return refuse(ctx, ResponseCode.NOT_PERMITTED_TO_TERMINAL, "terminal " + t.tid() + " is disabled");
        if (t.mid() != null && !t.mid().equals(terminal.merchantId())) {
            return refuse(ctx, ResponseCode.INVALID_MERCHANT, "terminal " + t.tid() + " belongs to " + terminal.merchantId() + ", not " + t.mid());
        }
        return pass();
    }
}
