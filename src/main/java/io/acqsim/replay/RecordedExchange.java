package io.acqsim.replay;

import java.time.Instant;

import io.acqsim.iso.Profile;
import io.acqsim.replay.input.RecordedMessage;

/**
 * A recorded request and the response recorded for it, if any — what replay sends and what it compares
 * the live answer with.
 *
 * @param sequence the request's place in the input, from 1, in recorded order
 * @param profile  the wire profile it travelled on (see {@link ProfileRouting})
 */
public record RecordedExchange(long sequence, RecordedMessage request, RecordedMessage response, Profile profile) {

    public Instant at() { return request.at(); }

    public String tid() { return request.tid(); }

    /** Where the replay sends it: one connection per TID, or per recorded connection for messages without one. */
    public String lane() {
        String tid = tid();
        String on = tid != null && !tid.isBlank() ? "TID " + tid : "connection " + request.connection();
        return profile == null ? on : profile.id() + " " + on;
    }
}
