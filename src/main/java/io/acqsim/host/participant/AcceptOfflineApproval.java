package io.acqsim.host.participant;

import java.nio.charset.StandardCharsets;

import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.chip.IccData;
import io.acqsim.iso.Profile;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.host.RrnSequence;

/**
 * A chip purchase the card approved offline and the terminal uploads afterwards (cup 60.1 = 36, as
 * 0200 after the sale or 0320 during settlement): the sale already happened, so the issuer is not asked;
 * the host records it as approved (ledger, fees, settlement as any purchase). It must carry field 55
 * with the card's cryptogram, and its 8A, when present, must say offline approved (Y1, or Y3 unable to go online).
 */
public final class AcceptOfflineApproval extends HostParticipant {
    private static final String OFFLINE_TYPE = "36";

    @Override
    protected int prepare(Context ctx) {
        if (!is(ctx, MessageKind.PURCHASE) || Profile.of(ctx.getString(Keys.PROFILE)) != Profile.CUP || ctx.get(Keys.REPLAYED) != null) return pass();
        String f60 = ((ISOMsg) ctx.get(Keys.REQUEST)).getString(60);
        if (f60 == null || !f60.startsWith(OFFLINE_TYPE)) return pass();
        IccData icc = ctx.get(Keys.ICC);
        if (icc == null || !icc.has(IccData.ARQC)) {
            return refuse(ctx, ResponseCode.FORMAT_ERROR, "format error: an offline chip purchase (60.1 36) carries field 55 with the card's cryptogram (9F26)");
        }
        byte[] arc = icc.value(IccData.AUTHORISATION_RESPONSE_CODE);
        String code = arc == null ? null : new String(arc, StandardCharsets.US_ASCII);
        if (code != null && !code.equals("Y1") && !code.equals("Y3")) {
            return refuse(ctx, ResponseCode.INVALID_TRANSACTION, "an offline chip purchase's 8A is '" + code + "', not Y1 or Y3 (offline approved)");
        }
        ctx.put(Keys.OFFLINE_APPROVED, Boolean.TRUE);
        outcome(ctx).rrn(host().rrns().next()).responseCode(ResponseCode.APPROVED).authCode(RrnSequence.authCode())
                .detail("approved offline by the card" + (code != null ? " (" + code + ")" : ""));
        return pass();
    }
}
