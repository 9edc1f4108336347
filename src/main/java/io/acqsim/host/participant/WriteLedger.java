package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.host.InFlight;
import io.acqsim.ledger.DuplicateRequest;
import io.acqsim.ledger.LedgerException;
import io.acqsim.ledger.OriginalChanged;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Ledger write: the purchase, void or refund is committed before its answer leaves the host. An approval
 * whose request was reversed while it waited for the issuer is written REVERSED, so a late issuer answer
 * never revives a reversed sale. If the write fails the terminal gets 96, never an unrecorded approval.
 * A void or refund whose original changed since {@link MatchOriginal} looked (a concurrent void or refund
 * got there first) is not written and gets the answer MatchOriginal would now give: 12 or 13. A request
 * another node recorded while this one was in flight (cluster mode: its retransmission went there) gets
 * the stored answer, as {@link CheckDuplicate} gives a retransmission.
 */
public final class WriteLedger extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (!t.kind().isFinancial() || ctx.get(Keys.REPLAYED) != null) return pass();
        Outcome o = outcome(ctx);
        InFlight.Entry entry = ctx.get(Keys.IN_FLIGHT);
        boolean reversed = entry != null && entry.beginWrite();
        TransactionRecord original = ctx.get(Keys.ORIGINAL);
        TransactionRecord record = TransactionRecord.of(t, o, ctx.get(Keys.BATCH), original, host().config().currency(), reversed);
        try {
            host().ledger().record(record);
        } catch (OriginalChanged e) {
            return refuse(ctx, e.responseCode(), e.getMessage());
        } catch (DuplicateRequest e) {
            return CheckDuplicate.replay(ctx, t, e.stored());
        } catch (LedgerException e) {
            ctx.log(e);
            return refuse(ctx, ResponseCode.SYSTEM_MALFUNCTION, "ledger write failed: " + e.getMessage());
        } finally {
            if (entry != null) entry.written();
        }
        if (reversed) o.detail("reversed while waiting for the issuer; recorded REVERSED");
        return pass();
    }
}
