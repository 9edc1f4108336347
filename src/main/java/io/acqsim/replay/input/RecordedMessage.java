package io.acqsim.replay.input;

import java.time.Instant;

import org.jpos.iso.ISOMsg;

/**
 * One ISO 8583 message as a log or capture recorded it.
 *
 * @param origin     file and line or frame, for errors and reports
 * @param connection the recorded connection it travelled on: a jPOS log's realm
 *                   ({@code channel-cup/127.0.0.1:47792}), a capture's TCP connection
 *                   ({@code 10.0.0.5:40312-10.0.0.1:8583}), or the file for inputs that name none
 * @param at         when it was recorded: the host's simulated instant where acqsim's own log has it,
 *                   else wall time; null when the input carries no time (plain hex dumps)
 * @param message    the message: MTI and fields (strings, binary fields as byte[]), and for profile cup the
 *                   11-byte header ({@link ISOMsg#getHeader()}); no packager is set
 */
public record RecordedMessage(Origin origin, String connection, Instant at, ISOMsg message) {

    public String mti() {
        try {
            return message.getMTI();
        } catch (org.jpos.iso.ISOException e) {
            return null;
        }
    }

    /** A response (third MTI digit odd: 0210, 0410, 0810 ...), as opposed to a request. */
    public boolean isResponse() {
        return Mti.isResponse(mti());
    }

    public String tid() { return message.getString(41); }

    public String stan() { return message.getString(11); }
}
