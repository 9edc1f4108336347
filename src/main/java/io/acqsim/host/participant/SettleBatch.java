package io.acqsim.host.participant;

import org.jpos.transaction.Context;

import io.acqsim.ledger.BatchStatus;
import io.acqsim.message.BatchTotals;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Terminal batch settlement. 0500: the terminal's totals against the host's for its open batch —
 * equal, 00 and the batch closes; different, 95 and the batch stays open for upload. 0320 rows are
 * stored; the closing message (iso87a 0500 3=960000, cup 0320 60.3 202/207) closes the batch, marked
 * unbalanced when the totals still differ, and the next batch opens.
 */
public final class SettleBatch extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (!t.kind().isBatch()) return pass();
        int batch = ctx.get(Keys.BATCH);
        BatchTotals host = host().ledger().batchTotals(t.tid(), batch);
        var ledger = host().ledger();
        var at = outcome(ctx).capturedAt();
        switch (t.kind()) {
            case BATCH_SETTLE -> {
                if (host.equals(t.totals())) {
                    int next = ledger.closeBatch(t.tid(), batch, BatchStatus.CLOSED, t.totals(), host, at);
                    host().batches().closed(t.tid(), next);
                    outcome(ctx).responseCode(ResponseCode.APPROVED).hostTotals(host, true).detail("batch " + batch + " balanced and closed");
                } else {
                    ledger.startUpload(t.tid(), batch);
                    outcome(ctx).responseCode(ResponseCode.RECONCILE_ERROR).hostTotals(host, false).detail("batch " + batch + " unbalanced: terminal "
                            + t.totals() + ", host " + host);
                }
            }
            case BATCH_UPLOAD -> {
                ledger.upload(t.tid(), batch, t.uploads(), at);
                outcome(ctx).responseCode(ResponseCode.APPROVED).detail(t.uploads().size() + " rows uploaded to batch " + batch);
            }
            case BATCH_CLOSE -> {
                boolean balanced = t.totals() != null ? host.equals(t.totals()) : "207".equals(t.networkCode());
                int next = ledger.closeBatch(t.tid(), batch, balanced ? BatchStatus.CLOSED : BatchStatus.CLOSED_UNBALANCED, t.totals(), host, at);
                host().batches().closed(t.tid(), next);
                outcome(ctx).responseCode(ResponseCode.APPROVED).hostTotals(host, balanced).detail("batch " + batch + " closed after upload");
            }
            default -> { }
        }
        return pass();
    }
}
