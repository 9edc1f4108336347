package io.acqsim.host.participant;

import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.chip.ChipServices;
import io.acqsim.chip.MalformedIccData;
import io.acqsim.chip.StartUpDownloads;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * Start-up downloads of a UnionPay-style chip terminal (profile cup; docs/notes/chip.md):
 * <ul>
 *   <li>an approved sign-on's header asks for CA keys (processing requirement 4) or IC parameters (5)
 *       while the terminal has not downloaded the current cfg/chip files;</li>
 *   <li>status queries (372/382) and downloads (370/380) are answered in field 62 from cfg/chip;</li>
 *   <li>the end messages (371/381) record the download as done for the terminal; the answer to 371
 *       asks for the IC parameters when those are still due.</li>
 * </ul>
 */
public final class ChipDownloads extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        var t = txn(ctx);
        if (t == null) return pass();
        if (t.kind() == MessageKind.SIGN_ON) {
            if (outcome(ctx).approved()) outcome(ctx).processingRequirement(Chip.services().requirementFor(t.tid()));
            return pass();
        }
        if (t.kind() != MessageKind.PARAMETER_DOWNLOAD) return pass();
        ChipServices chip = Chip.services();
        StartUpDownloads d = chip.downloads();
        byte[] request62 = ((ISOMsg) ctx.get(Keys.REQUEST)).getBytes(62);
        try {
            switch (t.networkCode()) {
                case "372" -> outcome(ctx).downloadData(d.capkStatus(request62));
                case "382" -> outcome(ctx).downloadData(d.icStatus(request62));
                case "370" -> outcome(ctx).downloadData(d.capk(request62));
                case "380" -> outcome(ctx).downloadData(d.icParameters(request62));
                case "371" -> {
                    chip.book().capkDone(t.tid());
                    outcome(ctx).processingRequirement(chip.requirementFor(t.tid()));
                }
                case "381" -> {
                    chip.book().icDone(t.tid());
                    outcome(ctx).processingRequirement(chip.requirementFor(t.tid()));
                }
                default -> {
                    return refuse(ctx, ResponseCode.INVALID_TRANSACTION, "60.3 " + t.networkCode() + " is not a download this host answers");
                }
            }
        } catch (MalformedIccData e) {
            return refuse(ctx, ResponseCode.FORMAT_ERROR, "format error: " + e.getMessage());
        }
        outcome(ctx).responseCode(ResponseCode.APPROVED).detail("download " + t.networkCode());
        return pass();
    }
}
