package io.acqsim.host.participant;

import java.util.HexFormat;

import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.chip.IccData;
import io.acqsim.chip.MalformedIccData;
import io.acqsim.iso.Profile;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * Reads field 55 (EMV data, BER-TLV) of a financial request or chip advice: binary on cup, hex
 * characters on iso87a. Data that is not well-formed TLV is answered 30 with what is wrong — never
 * the data itself. The parsed {@link IccData} is kept for {@link AnswerChip}; only its tag summary is logged.
 */
public final class ReadChipData extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        var t = txn(ctx);
        ISOMsg m = ctx.get(Keys.REQUEST);
        if (t == null || !m.hasField(55) || !(t.kind().isFinancial() || t.kind() == MessageKind.CHIP_ADVICE)) return pass();
        try {
            ctx.put(Keys.ICC, IccData.parse(field55(m, Profile.of(ctx.getString(Keys.PROFILE)))));
            return pass();
        } catch (MalformedIccData e) {
            return refuse(ctx, ResponseCode.FORMAT_ERROR, "format error: " + e.getMessage());
        }
    }

    private static byte[] field55(ISOMsg m, Profile profile) throws MalformedIccData {
        if (profile == Profile.CUP) return m.getBytes(55);
        String hex = m.getString(55);
        if (hex == null || hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]*")) {
            throw new MalformedIccData("field 55 on iso87a must be the TLV as hex characters (an even number of 0-9 A-F)");
        }
        return HexFormat.of().parseHex(hex);
    }
}
