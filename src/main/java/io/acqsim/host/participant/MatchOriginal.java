package io.acqsim.host.participant;

import java.util.Optional;

import org.jpos.transaction.Context;

import io.acqsim.ledger.TransactionRecord;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Void and refund name their original by RRN (field 37). The original must exist (else 25), be an
 * approved purchase (else 12) of the same terminal (void) or merchant (refund). A void takes the whole
 * amount and only from the open batch; refunds together may not exceed the sale (else 13).
 */
public final class MatchOriginal extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        if (!is(ctx, MessageKind.VOID, MessageKind.REFUND) || ctx.get(Keys.REPLAYED) != null) return pass();
        TerminalRequest t = txn(ctx);
        Optional<TransactionRecord> found = host().ledger().byRrn(t.originalRrn());
        if (found.isEmpty()) return refuse(ctx, ResponseCode.ORIGINAL_NOT_FOUND, "original RRN " + t.originalRrn() + " not found");
        TransactionRecord o = found.get();
        if (o.kind() != MessageKind.PURCHASE) return refuse(ctx, ResponseCode.INVALID_TRANSACTION, "original " + o.rrn() + " is a " + o.kind() + ", not a purchase");
        if (!o.approved()) return refuse(ctx, ResponseCode.INVALID_TRANSACTION, "original " + o.rrn() + " is " + o.status());
        if (t.kind() == MessageKind.VOID) {
            if (!o.tid().equals(t.tid())) return refuse(ctx, ResponseCode.ORIGINAL_NOT_FOUND, "original " + o.rrn() + " is not a transaction of " + t.tid());
            int open = ctx.get(Keys.BATCH);
            if (o.batchNumber() != open) return refuse(ctx, ResponseCode.INVALID_TRANSACTION, "original " + o.rrn() + " is in settled batch " + o.batchNumber());
            if (o.refundedAmount() > 0) return refuse(ctx, ResponseCode.INVALID_TRANSACTION, "original " + o.rrn() + " is partly refunded");
            if (o.amount() != t.amountMinor()) return refuse(ctx, ResponseCode.INVALID_AMOUNT, "a void must be for the sale's amount " + o.amount());
        } else {
            if (!o.mid().equals(t.mid())) return refuse(ctx, ResponseCode.ORIGINAL_NOT_FOUND, "original " + o.rrn() + " is not a sale of " + t.mid());
            if (t.amountMinor() > o.amount() - o.refundedAmount()) {
                return refuse(ctx, ResponseCode.INVALID_AMOUNT, "refund " + t.amountMinor() + " exceeds what is left to refund, " + (o.amount() - o.refundedAmount()));
            }
        }
        ctx.put(Keys.ORIGINAL, o);
        return pass();
    }
}
