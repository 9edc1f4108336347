package io.acqsim.host.participant;

import java.time.Duration;
import java.util.Optional;

import org.jpos.transaction.Context;

import io.acqsim.host.InFlight;
import io.acqsim.ledger.Reversal;
import io.acqsim.ledger.ReversalEffect;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Reversal 0400/0401 of an earlier request, found by TID + original STAN + original field 7 (cup: batch):
 * <ul>
 *   <li>original still waiting for its issuer: marked reversed, so it is recorded REVERSED whatever the
 *       issuer says later — answered 00;</li>
 *   <li>original approved in the ledger: REVERSED, out of settlement — 00;</li>
 *   <li>original declined or already reversed: nothing changes — 00 (repeats are idempotent, and a repeat
 *       of a reversal carries the reversed sale's RRN in 37 as the first answer did);</li>
 *   <li>original unknown: nothing changes — the configured answer, 25 by default (or 00); should the
 *       original still arrive (reordered across connections), it is recorded REVERSED.</li>
 * </ul>
 * Every reversal is itself recorded, with what it did.
 */
public final class HandleReversal extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        if (!is(ctx, MessageKind.REVERSAL)) return pass();
        TerminalRequest t = txn(ctx);
        String[] key = t.originalKey().split("\\|", 3);
        ReversalEffect effect;
        TransactionRecord reversed = null;
        ResponseCode rc = ResponseCode.APPROVED;
        InFlight.Entry pending = host().inFlight().get(t.originalKey());
        boolean markedInFlight = false;
        String answeredRrn = null;       // a repeat of a reversal is answered as the first was: with the reversed sale's RRN
        if (pending != null) {
            try {
                markedInFlight = pending.reverseOrAwaitWrite(host().issuer().timeout().plus(Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refuse(ctx, ResponseCode.SYSTEM_MALFUNCTION, "interrupted");
            }
        }
        if (markedInFlight) {
            effect = ReversalEffect.IN_FLIGHT;
        } else {
            Optional<TransactionRecord> original = host().ledger().byRequest(key[0], key[1], key[2]);
            if (original.isEmpty()) {
                effect = ReversalEffect.UNKNOWN;
                rc = host().config().unknownReversalAnswer();
                host().inFlight().reversedBeforeArrival(t.originalKey());
            } else if (original.get().approved()) {
                effect = ReversalEffect.REVERSED;
                reversed = original.get();
            } else {
                effect = original.get().status() == TransactionStatus.REVERSED ? ReversalEffect.ALREADY : ReversalEffect.NOT_APPROVED;
                if (effect == ReversalEffect.ALREADY) answeredRrn = original.get().rrn();
            }
        }
        host().ledger().reverse(Reversal.of(t, effect, rc, outcome(ctx).capturedAt(), reversed));
        if (reversed != null) answeredRrn = reversed.rrn();
        outcome(ctx).responseCode(rc).detail("reversal: " + effect).rrn(answeredRrn);
        return pass();
    }
}
