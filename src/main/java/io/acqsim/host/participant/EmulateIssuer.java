package io.acqsim.host.participant;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jpos.transaction.Context;

import io.acqsim.fault.Exchange;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.MessageFacts;
import io.acqsim.host.RrnSequence;
import io.acqsim.issuer.IssuerAnswer;
import io.acqsim.issuer.IssuerRequest;
import io.acqsim.message.Channel;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Issuer emulation (PRODUCT.md §4.4): the rules of cfg/issuer.yml choose the answer and its latency.
 * An issuer that does not answer within the issuer timeout is answered 91 by the host. The wait happens
 * on the transaction's own (virtual) thread, so a slow issuer holds up nobody else.
 * Every request that reaches the issuer gets an RRN, approved or not.
 * <p>
 * Network faults on the {@link Link#ISSUER} link, selected by the terminal request's facts, act on the
 * exchange as each action's {@link io.acqsim.fault.NetworkAction#onExchange} says
 * ({@link FaultRegistry#exchange}): an answer lost (drop, blackhole, reset, corrupt, close-after-bytes)
 * is 91 after the issuer timeout; latency adds to the issuer's own and may push it past the timeout.
 */
public final class EmulateIssuer extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        if (!t.kind().isFinancial() || ctx.get(Keys.REPLAYED) != null || ctx.get(Keys.OFFLINE_APPROVED) != null) return pass();
        String kind = t.kind().name().toLowerCase();
        if (t.channel() == Channel.QR) kind = "qr";
        IssuerAnswer answer = host().issuer().decide(new IssuerRequest(kind, t.amountMinor(), t.panPrefix(), t.tid(), t.mid(), t.entryMode(),
                ctx.getString(Keys.PIN, IssuerRequest.NO_PIN)));
        Duration timeout = host().issuer().timeout();
        FaultRegistry faults = host().faults();
        Exchange link = faults.bypassed() || faults.rules().isEmpty() ? Exchange.UNCHANGED
                : faults.exchange(Link.ISSUER, MessageFacts.of(ctx.get(Keys.REQUEST)), outcome(ctx).capturedAt(), ThreadLocalRandom.current());
        Duration latency = answer.latency().plus(link.delay());
        boolean inTime = answer.answers() && !link.lost() && latency.compareTo(timeout) < 0;
        try {
            Thread.sleep(inTime ? latency : timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(ctx, ResponseCode.SYSTEM_MALFUNCTION, "interrupted while waiting for the issuer");
        }
        outcome(ctx).rrn(host().rrns().next());
        if (!inTime) {
            outcome(ctx).responseCode(ResponseCode.ISSUER_UNAVAILABLE).detail("issuer did not answer within " + timeout + (link.faultId() != null
                    ? " (issuer link fault " + link.faultId() + ")" : ""));
        } else {
            outcome(ctx).responseCode(answer.responseCode()).detail("issuer answered " + answer.responseCode());
            if (outcome(ctx).approved()) outcome(ctx).authCode(RrnSequence.authCode());
        }
        return pass();
    }
}
