package io.acqsim.host.participant;

import java.time.Duration;

import org.jpos.transaction.Context;

import io.acqsim.host.RrnSequence;
import io.acqsim.issuer.IssuerAnswer;
import io.acqsim.issuer.IssuerRequest;
import io.acqsim.message.TerminalRequest;

/**
 * Issuer emulation (PRODUCT.md §4.4): the rules of cfg/issuer.yml choose the answer and its latency.
 * An issuer that does not answer within the issuer timeout is answered 91 by the host. The wait happens
 * on the transaction's own (virtual) thread, so a slow issuer holds up nobody else.
 * Every request that reaches the issuer gets an RRN, approved or not.
 */
public final class EmulateIssuer extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (!t.kind().isFinancial() || ctx.get(Keys.REPLAYED) != null) return pass();
        String kind = t.kind().name().toLowerCase();
        if ("QR".equals(t.channel())) kind = "qr";
        IssuerAnswer answer = host().issuer().decide(new IssuerRequest(kind, t.amountMinor(), t.panPrefix(), t.tid(), t.mid(), t.entryMode()));
        Duration timeout = host().issuer().timeout();
        boolean inTime = answer.answers() && answer.latency().compareTo(timeout) < 0;
        try {
            Thread.sleep(inTime ? answer.latency() : timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(ctx, "96", "interrupted while waiting for the issuer");
        }
        outcome(ctx).rrn(host().rrns().next());
        if (!inTime) {
            outcome(ctx).responseCode("91").detail("issuer did not answer within " + timeout);
        } else {
            outcome(ctx).responseCode(answer.responseCode()).detail("issuer answered " + answer.responseCode());
            if (outcome(ctx).approved()) outcome(ctx).authCode(RrnSequence.authCode());
        }
        return pass();
    }
}
