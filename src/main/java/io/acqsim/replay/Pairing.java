package io.acqsim.replay;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.acqsim.iso.Profile;
import io.acqsim.replay.input.MessageReader;
import io.acqsim.replay.input.Mti;
import io.acqsim.replay.input.RecordedMessage;

/**
 * Pairs recorded responses with their requests as a terminal would — same connection, MTI class (0200 with
 * 0210, 0400/0401 with 0410), STAN and TID — and hands out {@link RecordedExchange}s in request order.
 * <p>
 * Streaming in bounded memory: a request waits for its response at most {@link #WINDOW_MESSAGES} messages
 * or {@link #WINDOW_TIME} of recorded time, then leaves unanswered (a dropped response, a log that ends).
 * Two requests with the same key (a retransmission) take responses first come, first served. A response
 * no waiting request claims is counted in {@link #orphanResponses()} and not replayed.
 */
public final class Pairing {
    static final int WINDOW_MESSAGES = 20_000;
    static final Duration WINDOW_TIME = Duration.ofMinutes(10);

    private final MessageReader reader;
    private final Function<RecordedMessage, Profile> profileOf;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final Map<Key, ArrayDeque<Waiting>> byKey = new HashMap<>();
    private long read;
    private Instant lastTime;
    private long sequence;
    private long orphans;
    private boolean ended;

    private record Key(String connection, String mtiClass, String stan, String tid) {
        static Key of(RecordedMessage m) {
            return new Key(m.connection(), Mti.pairingClass(m.mti()), m.stan(), m.tid());
        }
    }

    private static final class Waiting {
        final long sequence;
        final long readAt;
        final RecordedMessage request;
        RecordedMessage response;

        Waiting(long sequence, long readAt, RecordedMessage request) {
            this.sequence = sequence;
            this.readAt = readAt;
            this.request = request;
        }
    }

    /** Pairs what {@code reader} yields; {@code profileOf} says each exchange's wire profile. */
    public Pairing(MessageReader reader, Function<RecordedMessage, Profile> profileOf) {
        this.reader = Objects.requireNonNull(reader);
        this.profileOf = Objects.requireNonNull(profileOf);
    }

    /** The next exchange in request order, or null when the input is used up. */
    public RecordedExchange next() throws IOException {
        while (true) {
            Waiting head = waiting.peekFirst();
            if (head != null && (head.response != null || ended || expired(head))) return release();
            if (ended) return null;
            RecordedMessage m = reader.next();
            if (m == null) {
                ended = true;
                continue;
            }
            read++;
            if (m.isResponse()) pair(m);
            else add(m);
        }
    }

    /** Responses that answered no request of the input. */
    public long orphanResponses() { return orphans; }

    /** Messages read so far, requests and responses. */
    public long messagesRead() { return read; }

    private boolean expired(Waiting w) {
        if (read - w.readAt > WINDOW_MESSAGES) return true;
        Instant from = w.request.at();
        Instant last = lastTime;
        return from != null && last != null && Duration.between(from, last).compareTo(WINDOW_TIME) > 0;
    }

    private void add(RecordedMessage m) {
        if (m.at() != null) lastTime = m.at();
        Waiting w = new Waiting(++sequence, read, m);
        waiting.addLast(w);
        byKey.computeIfAbsent(Key.of(m), k -> new ArrayDeque<>()).addLast(w);
    }

    private void pair(RecordedMessage m) {
        if (m.at() != null) lastTime = m.at();
        Key key = Key.of(m);
        ArrayDeque<Waiting> candidates = byKey.get(key);
        Waiting w = null;
        while (candidates != null && !candidates.isEmpty() && w == null) {
            Waiting c = candidates.pollFirst();
            if (c.response == null) w = c;
        }
        if (candidates != null && candidates.isEmpty()) byKey.remove(key);
        if (w == null) {
            orphans++;
            return;
        }
        w.response = m;
    }

    private RecordedExchange release() {
        Waiting w = waiting.pollFirst();
        if (w.response == null) {
            Key key = Key.of(w.request);
            ArrayDeque<Waiting> same = byKey.get(key);
            if (same != null) {
                same.remove(w);
                if (same.isEmpty()) byKey.remove(key);
            }
        }
        return new RecordedExchange(w.sequence, w.request, w.response, profileOf.apply(w.request));
    }
}
