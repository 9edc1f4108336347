package io.acqsim.host.participant;

import org.jpos.security.SecureDESKey;
import org.jpos.transaction.Context;

import io.acqsim.config.Terminal;
import io.acqsim.iso.Profile;
import io.acqsim.keys.KeyException;
import io.acqsim.keys.KeyLayout;
import io.acqsim.keys.MacAlgorithm;
import io.acqsim.keys.WorkingKeys;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Sign-on (returns the host's batch number for the terminal and, where its range has MAC on, fresh
 * working keys in field 62), echo and sign-off. The keys are stored before the answer is built, so a
 * terminal never holds keys the host does not; they replace the terminal's earlier ones. The layout
 * follows cup's 60.3 (001 / 003 / 004); iso87a, whose 70 is always 001, gets the double-length 003.
 */
public final class NetworkManagement extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        if (!is(ctx, MessageKind.SIGN_ON, MessageKind.SIGN_OFF, MessageKind.ECHO)) return pass();
        TerminalRequest t = txn(ctx);
        Terminal terminal = host().registry().terminal(t.tid());
        switch (t.kind()) {
            case SIGN_ON -> {
                if (!issueKeys(ctx, t)) return ABORTED | NO_JOIN;
                outcome(ctx).hostBatchNumber(
                        host().batches().signOn(t.tid(), terminal.merchantId(), outcome(ctx).capturedAt()));
            }
            case SIGN_OFF -> host().ledger().signOff(t.tid());
            default -> { }
        }
        outcome(ctx).responseCode(ResponseCode.APPROVED);
        return pass();
    }

    /** Generates, stores and puts in the outcome the terminal's working keys where MAC is on; false when it refused. */
    private boolean issueKeys(Context ctx, TerminalRequest t) {
        MacAlgorithm mac = host().masterKeys().mac(t.tid(), t.profile());
        SecureDESKey tmk = host().masterKeys().tmk(t.tid());
        if (mac == MacAlgorithm.OFF || tmk == null) return true;
        KeyLayout layout = t.profile() == Profile.CUP ? KeyLayout.of(t.networkCode()) : KeyLayout.DOUBLE;
        if (layout == null) layout = KeyLayout.DOUBLE;
        try {
            var sm = host().masterKeys().module();
            WorkingKeys keys = WorkingKeys.generate(sm, layout, mac);
            byte[] f62 = keys.field62(sm, tmk);
            host().workingKeys().put(t.tid(), keys);
            outcome(ctx).workingKeys(f62);
            return true;
        } catch (KeyException e) {
            refuse(ctx, ResponseCode.INVALID_TRANSACTION, "no working keys for " + t.tid() + ": " + e.getMessage());
            return false;
        }
    }
}
