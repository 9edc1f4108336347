package io.acqsim.host.participant;

import io.acqsim.message.ResponseCode;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultLayer;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.MessageFacts;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.NetworkRule;
import io.acqsim.host.RrnSequence;
import io.acqsim.issuer.IssuerAnswer;
import io.acqsim.issuer.IssuerRequest;
import io.acqsim.message.TerminalRequest;

/**
 * Issuer emulation (PRODUCT.md §4.4): the rules of cfg/issuer.yml choose the answer and its latency.
 * An issuer that does not answer within the issuer timeout is answered 91 by the host. The wait happens
 * on the transaction's own (virtual) thread, so a slow issuer holds up nobody else.
 * Every request that reaches the issuer gets an RRN, approved or not.
 * <p>
 * Network faults on the {@link Link#ISSUER} link, selected by the terminal request's facts, request
 * direction first, then response:
 * <ul>
 *   <li>drop-request, drop-response, blackhole, reset, corrupt, close-after-bytes: the issuer's answer
 *       never arrives (or cannot be read), so the host answers 91 after the issuer timeout;</li>
 *   <li>latency (+ jitter): added to the issuer's own latency, and may push it past the timeout (91);</li>
 *   <li>duplicate: harmless — the issuer would see the request twice or the host the answer twice, and
 *       the host uses the first answer; nothing changes;</li>
 *   <li>bandwidth: no effect, the emulated issuer link carries no bytes.</li>
 * </ul>
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
        LinkEffect link = FaultLayer.BYPASS ? LinkEffect.NONE : linkEffect(ctx.get(Keys.REQUEST), outcome(ctx).capturedAt());
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

    /** What the issuer link's faults do to one exchange: extra delay, or the answer lost. */
    private record LinkEffect(Duration delay, boolean lost, String faultId) {
        static final LinkEffect NONE = new LinkEffect(Duration.ZERO, false, null);
    }

    private LinkEffect linkEffect(ISOMsg request, Instant now) {
        FaultRegistry faults = host().faults();
        if (faults.rules().isEmpty()) return LinkEffect.NONE;
        MessageFacts facts = MessageFacts.of(request);
        LinkEffect effect = LinkEffect.NONE;
        for (Direction d : Direction.values()) {
            NetworkRule r = faults.network(Link.ISSUER, d, facts, now);
            if (r == null) continue;
            Duration extra = switch (r.action()) {
                case NetworkAction.Latency l -> l.draw(ThreadLocalRandom.current());
                case NetworkAction.Duplicate x -> Duration.ZERO;
                case NetworkAction.Bandwidth x -> Duration.ZERO;
                default -> null;
            };
            if (extra == null) return new LinkEffect(effect.delay(), true, r.faultId());
            effect = new LinkEffect(effect.delay().plus(extra), false, r.faultId());
        }
        return effect;
    }
}
