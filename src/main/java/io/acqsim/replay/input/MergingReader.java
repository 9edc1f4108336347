package io.acqsim.replay.input;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Several inputs as one stream in time order: a k-way merge that holds one message per input, so memory
 * does not grow with the inputs' length. Messages are ordered by their time, then by the wall-clock time
 * their input recorded ({@link WallClock}: acqsim's simulated instants tie on a manual clock, the log's
 * {@code at} does not), then by input (the order the inputs were given). Each input's own order is kept:
 * the merge never reorders messages of one input. A message without a time sorts as the last message
 * before it in its input that had one, and as the very beginning when none had, so an input without
 * times (a plain hex dump) comes out whole before the timed ones, in argument order.
 */
final class MergingReader implements MessageReader {
    private record Head(RecordedMessage message, Instant at, Instant wall, int input) {
    }

    private static final Comparator<Head> ORDER = Comparator.comparing(Head::at)
            .thenComparing(Head::wall)
            .thenComparingInt(Head::input);

    private final List<MessageReader> inputs;
    private final Instant[] lastAt;
    private final PriorityQueue<Head> heads;
    private boolean started;

    MergingReader(List<MessageReader> inputs) {
        this.inputs = List.copyOf(inputs);
        this.lastAt = new Instant[inputs.size()];
        this.heads = new PriorityQueue<>(Math.max(1, inputs.size()), ORDER);
    }

    @Override
    public RecordedMessage next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.size(); i++) advance(i);
        }
        Head h = heads.poll();
        if (h == null) return null;
        advance(h.input());
        return h.message();
    }

    private void advance(int i) throws IOException {
        MessageReader r = inputs.get(i);
        RecordedMessage m = r.next();
        if (m == null) return;
        Instant at = m.at() != null ? m.at() : lastAt[i] != null ? lastAt[i] : Instant.MIN;
        lastAt[i] = at;
        Instant wall = r instanceof WallClock w && w.lastWallTime() != null ? w.lastWallTime() : at;
        heads.add(new Head(m, at, wall, i));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (MessageReader r : inputs) {
            try {
                r.close();
            } catch (IOException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
