package io.acqsim.replay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import org.jpos.iso.ISOMsg;

import io.acqsim.replay.input.MessageReader;
import io.acqsim.replay.input.Origin;
import io.acqsim.replay.input.RecordedMessage;

/** Recorded messages built in code, for tests of pairing, comparison and carried values. */
final class Messages {
    static final Instant T0 = Instant.parse("2026-09-30T02:00:00Z");

    private Messages() {
    }

    /** A message on {@code connection} at T0 + {@code second}: MTI, STAN, TID and fields given as number, value pairs. */
    static RecordedMessage msg(String connection, int second, String mti, String stan, String tid, Object... fields) {
        ISOMsg m = new ISOMsg(mti);
        if (stan != null) m.set(11, stan);
        if (tid != null) m.set(41, tid);
        for (int i = 0; i < fields.length; i += 2) m.set((Integer) fields[i], (String) fields[i + 1]);
        return new RecordedMessage(new Origin("test.log", Origin.Unit.LINE, second + 1), connection, T0.plusSeconds(second), m);
    }

    static MessageReader reader(List<RecordedMessage> messages) {
        ArrayDeque<RecordedMessage> q = new ArrayDeque<>(messages);
        return new MessageReader() {
            @Override
            public RecordedMessage next() {
                return q.pollFirst();
            }

            @Override
            public void close() {
            }
        };
    }

    static RecordedExchange exchange(RecordedMessage request, RecordedMessage response) {
        return new RecordedExchange(1, request, response, null);
    }
}
