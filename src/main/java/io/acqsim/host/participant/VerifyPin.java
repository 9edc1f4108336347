package io.acqsim.host.participant;

import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.issuer.IssuerRequest;
import io.acqsim.keys.WorkingKeys;
import io.acqsim.message.MessageKind;
import io.acqsim.message.TerminalRequest;

/**
 * An online PIN (ISO 9564 format 0 block under the terminal's PIK in field 52) on a card purchase is
 * checked by the security module against the issuer's test PIN ({@code test-pin} in cfg/issuer.yml);
 * the result, never the PIN, goes to the issuer emulation as {@link IssuerRequest#pin()}, whose rules
 * decline a wrong one (55 in the shipped rules). A block the host cannot read — the terminal holds no
 * working keys, or the block does not decrypt to a PIN — counts as wrong. The clear PIN never leaves
 * the security module, and neither it nor the block is logged (52 is wiped in the message log).
 */
public final class VerifyPin extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        TerminalRequest t = txn(ctx);
        ISOMsg request = ctx.get(Keys.REQUEST);
        if (t.kind() != MessageKind.PURCHASE || !request.hasField(52)) return pass();
        ctx.put(Keys.PIN, correct(t, request) ? IssuerRequest.PIN_CORRECT : IssuerRequest.PIN_WRONG);
        return pass();
    }

    private boolean correct(TerminalRequest t, ISOMsg request) {
        WorkingKeys keys = host().workingKeys().get(t.tid());
        byte[] block = request.getBytes(52);
        String pan = pan(request);
        if (keys == null || block == null || block.length != 8 || pan == null) return false;
        return host().masterKeys().module().pinMatches(block, pan, keys.pik(), host().issuer().testPin());
    }

    /** The full PAN, from field 2 or track 2 (35). */
    private static String pan(ISOMsg m) {
        if (m.hasField(2)) return m.getString(2);
        String t2 = m.getString(35);
        if (t2 == null) return null;
        String pan = t2.split("[=Dd]", 2)[0];
        return pan.matches("\\d{12,19}") ? pan : null;
    }
}
