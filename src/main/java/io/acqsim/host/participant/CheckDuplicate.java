package io.acqsim.host.participant;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

import org.jpos.transaction.AbortParticipant;
import org.jpos.transaction.Context;

import io.acqsim.host.InFlight;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Duplicate detection for purchases, voids and refunds. A retransmission — same TID, STAN, field 7
 * (cup: batch) and amount — gets the original answer and is never a second charge, whether the original
 * is still in flight or already in the ledger. The same identity with another amount is answered 94.
 * A new request is registered in flight until its transaction ends (commit or abort release it).
 */
public final class CheckDuplicate extends HostParticipant implements AbortParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (!t.kind().isFinancial()) return pass();
        InFlight.Entry prior = host().inFlight().begin(t.dedupKey(), t.amountMinor());
        if (prior != null) return fromInFlight(ctx, t, prior);
        // the ledger's filter rules out almost every new request from memory; only a "maybe" costs a read
        Optional<TransactionRecord> stored = host().ledger().mayHoldRequest(t.tid(), t.stan(), t.requestKey())
                ? host().ledger().byRequest(t.tid(), t.stan(), t.requestKey()) : Optional.empty();
        if (stored.isPresent()) {
            int result = replay(ctx, t, stored.get());
            host().inFlight().release(t.dedupKey(), outcome(ctx));
            return result;
        }
        ctx.put(Keys.IN_FLIGHT, host().inFlight().get(t.dedupKey()));
        return PREPARED;
    }

    private int fromInFlight(Context ctx, TerminalRequest t, InFlight.Entry prior) {
        if (prior.amount() != t.amountMinor()) return refuse(ctx, ResponseCode.DUPLICATE, "STAN " + t.stan() + " is in flight with another amount");
        try {
            Duration wait = host().issuer().timeout().plusSeconds(5);
            Outcome original = prior.awaitOutcome(wait);
            if (original == null) return refuse(ctx, ResponseCode.SYSTEM_MALFUNCTION, "the original of a retransmission did not finish in " + wait);
            Outcome o = outcome(ctx);
            o.responseCode(original.responseCode()).rrn(original.rrn()).authCode(original.authCode())
                    .businessDate(original.businessDate()).capturedAt(original.capturedAt()).detail("retransmission of an in-flight request");
            ctx.put(Keys.REPLAYED, Boolean.TRUE);
            return PREPARED | NO_JOIN | READONLY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(ctx, ResponseCode.SYSTEM_MALFUNCTION, "interrupted");
        }
    }

    /** Answers {@code t} with the stored record's answer (94 when the amounts differ); what follows skips a replayed request. */
    static int replay(Context ctx, TerminalRequest t, TransactionRecord r) {
        if (r.amount() != t.amountMinor()) return refuse(ctx, ResponseCode.DUPLICATE, "STAN " + t.stan() + " was used with another amount");
        outcome(ctx).responseCode(r.responseCode()).rrn(r.rrn()).authCode(r.authCode()).businessDate(r.businessDate())
                .capturedAt(r.capturedAt()).detail("retransmission of " + r.rrn());
        ctx.put(Keys.REPLAYED, Boolean.TRUE);
        return PREPARED | NO_JOIN | READONLY;
    }

    @Override
    public int prepareForAbort(long id, Serializable context) {
        return PREPARED;
    }

    @Override
    public void commit(long id, Serializable context) {
        release((Context) context);
    }

    @Override
    public void abort(long id, Serializable context) {
        release((Context) context);
    }

    private void release(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (t != null && ctx.get(Keys.IN_FLIGHT) != null) {
            InFlight.Entry e = ctx.get(Keys.IN_FLIGHT);
            e.written();
            host().inFlight().release(t.dedupKey(), outcome(ctx));
        }
    }
}
