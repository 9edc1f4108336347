package io.acqsim.host.participant;

import java.time.Instant;

import org.jpos.iso.ISOMsg;
import org.jpos.transaction.Context;

import io.acqsim.clock.BusinessDates;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalMessage;
import io.acqsim.message.FormatError;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * Decode and validate: the profile's dialect turns the ISOMsg into a {@link TerminalRequest}. A frame
 * the channel could only half read, a missing or malformed field, or an MTI this host does not serve
 * is answered 30 (or 12 for a well-formed transaction it does not offer) and goes no further.
 * Also stamps the capture instant and business date from the host clock.
 */
public final class DecodeRequest extends HostParticipant {

    @Override
    protected int prepare(Context ctx) {
        ISOMsg m = ctx.get(Keys.REQUEST);
        Profile profile = Profile.of(ctx.getString(Keys.PROFILE));
        Instant now = host().clock().instant();
        outcome(ctx).capturedAt(now).businessDate(BusinessDates.of(now, host().config().zone(), host().config().cutover()));
        if (m instanceof TerminalMessage tm && tm.hasFormatError()) {
            return refuse(ctx, ResponseCode.FORMAT_ERROR, "format error: " + tm.formatError());
        }
        try {
            TerminalRequest t = host().dialect(profile).decode(m);
            ctx.put(Keys.TXN, t);
            return PREPARED | NO_JOIN | READONLY;
        } catch (FormatError e) {
            return refuse(ctx, e.responseCode(), "format error: " + e.getMessage());
        }
    }
}
