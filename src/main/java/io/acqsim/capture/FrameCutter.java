package io.acqsim.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Cuts one direction of a TCP stream into frames: a 2-byte big-endian length that excludes itself, then
 * that many bytes (the frame body handed on). A length of 0 is a keep-alive and is skipped. A frame's
 * packet is the one that brought its last byte.
 * <p>
 * In step, the stream is trusted: every length starts a frame. It is out of step at the start of a
 * connection the capture joined late, after bytes the capture missed, and after a length above
 * {@link FramingRules#maxLength()}; then it looks for the first offset where a length prefix is followed
 * by a body the {@code plausible} predicate accepts, reports the bytes it skipped to get there, and is in
 * step again from that frame on. What does not fit in a complete frame when the stream ends or breaks is
 * reported and dropped. If no boundary turns up within {@link FramingRules#resyncWindow()} bytes the rest
 * of the direction is skipped: it is probably not ISO 8583 at all.
 * <p>
 * While it looks for a boundary it holds bytes whose frames come out later than frames of other
 * connections completed meanwhile; {@link #oldestHeld()} tells the reader how far back that goes.
 */
final class FrameCutter implements TcpReassembler.StreamConsumer {
    /** Where frames go. */
    @FunctionalInterface
    interface Sink {
        void frame(byte[] body, PacketRef at);
    }

    private enum State { IN_STEP, SEARCHING, GIVEN_UP, ENDED }

    private record Mark(long end, PacketRef at) {
    }

    private final FramingRules rules;
    private final Predicate<byte[]> plausible;
    private final Sink sink;
    private final Consumer<CaptureProblem> problems;
    private final Consumer<FrameCutter> changed;
    private final String name;
    private State state = State.IN_STEP;

    private int prefixHave;
    private int prefix;
    private byte[] body;
    private int bodyHave;

    private byte[] buffer = new byte[0];
    private int pos;
    private int limit;
    /** The stream position of buffer[0], counted from the start of the search. */
    private long base;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private long skipped;
    private String why;

    /**
     * @param inStep   false when the stream may start inside a frame
     * @param changed  told after every call, so the reader can follow {@link #oldestHeld()}
     */
    FrameCutter(String name, boolean inStep, FramingRules rules, Predicate<byte[]> plausible, Sink sink, Consumer<CaptureProblem> problems,
                Consumer<FrameCutter> changed) {
        this.name = name;
        this.rules = rules;
        this.plausible = plausible;
        this.sink = sink;
        this.problems = problems;
        this.changed = changed;
        if (!inStep) search("(the capture started inside the connection)", 0);
    }

    /** The number of the oldest packet whose bytes it holds while searching, or Long.MAX_VALUE. */
    long oldestHeld() {
        return state == State.SEARCHING && pos < limit ? refAt(base + pos).number() : Long.MAX_VALUE;
    }

    @Override
    public void data(byte[] b, int off, int len, PacketRef at) {
        if (state == State.IN_STEP) cut(b, off, len, at);
        else if (state == State.SEARCHING) append(b, off, len, at);
        if (state == State.SEARCHING) scan(false, at);
        changed.accept(this);
    }

    @Override
    public void gap(long bytes, PacketRef at) {
        if (state == State.IN_STEP || state == State.SEARCHING) {
            settle(at, "lost " + bytes + " bytes the capture missed");
            search("(after " + bytes + " bytes the capture missed)", 0);
        }
        changed.accept(this);
    }

    @Override
    public void end(PacketRef at) {
        if (state == State.IN_STEP || state == State.SEARCHING) settle(at, "was cut off when the stream ended");
        state = State.ENDED;
        releaseBuffer();
        changed.accept(this);
    }

    /** In step: frames follow each other. */
    private void cut(byte[] b, int off, int len, PacketRef at) {
        int i = off, end = off + len;
        while (i < end) {
            if (body == null) {
                prefix = prefix << 8 | (b[i++] & 0xFF);
                if (++prefixHave < 2) continue;
                int length = prefix;
                prefix = prefixHave = 0;
                if (length == 0) continue;
                if (length > rules.maxLength()) {
                    report(at, "a length prefix of " + length + " on " + name + ", above the maximum " + rules.maxLength()
                            + ": the stream is out of step; looking for the next frame");
                    search("(after the bad length prefix " + length + ")", 1);
                    append(b, i - 1, end - (i - 1), at);
                    return;
                }
                body = new byte[length];
                bodyHave = 0;
            } else {
                int n = Math.min(end - i, body.length - bodyHave);
                System.arraycopy(b, i, body, bodyHave, n);
                i += n;
                bodyHave += n;
                if (bodyHave == body.length) {
                    byte[] done = body;
                    body = null;
                    sink.frame(done, at);
                }
            }
        }
    }

    private void search(String reason, long alreadySkipped) {
        state = State.SEARCHING;
        why = reason;
        skipped = alreadySkipped;
        prefix = prefixHave = 0;
        body = null;
        pos = limit = 0;
        base = 0;
        marks.clear();
    }

    private void append(byte[] b, int off, int len, PacketRef at) {
        if (len == 0) return;
        if (limit + len > buffer.length) {
            if (pos > 0) compact();
            if (limit + len > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(limit + len, buffer.length * 2));
        }
        System.arraycopy(b, off, buffer, limit, len);
        limit += len;
        marks.add(new Mark(base + limit, at));
    }

    /**
     * Looks for a frame boundary in what is buffered; once found, the rest of the buffer is cut in step.
     * {@code last}: nothing more comes, so a candidate longer than what is buffered is no candidate.
     */
    private void scan(boolean last, PacketRef at) {
        while (state == State.SEARCHING) {
            if (skipped >= rules.resyncWindow()) {
                report(at, "no frame boundary in " + skipped + " bytes of " + name + " " + why + "; the rest of this direction is skipped");
                state = State.GIVEN_UP;
                releaseBuffer();
                return;
            }
            int available = limit - pos;
            if (available < 2) break;
            int length = Bytes.u16(buffer, pos);
            boolean candidate = length > 0 && length <= rules.maxLength();
            if (candidate && available < 2 + length) {
                if (!last) break;
                candidate = false;
            }
            if (candidate) {
                byte[] frame = Arrays.copyOfRange(buffer, pos + 2, pos + 2 + length);
                if (accepts(frame)) {
                    PacketRef ref = refAt(base + pos + 1 + length);
                    if (skipped > 0) report(ref, "skipped " + skipped + " bytes of " + name + " " + why + " to reach the next frame");
                    sink.frame(frame, ref);
                    pos += 2 + length;
                    backInStep();
                    continue;
                }
            }
            pos++;
            skipped++;
        }
        if (state != State.SEARCHING) return;
        if (last) {
            skipped += limit - pos;
            if (skipped > 0) report(at, "skipped the last " + skipped + " bytes of " + name + " " + why + ": no frame found in them");
            search(why, 0);
        } else {
            compact();
        }
    }

    /** A boundary was found at {@code pos}: the rest of the buffer goes through {@link #cut}, in its packets. */
    private void backInStep() {
        byte[] rest = Arrays.copyOfRange(buffer, pos, limit);
        List<Mark> pieces = new ArrayList<>();
        long from = base + pos;
        for (Mark m : marks) {
            if (m.end() > from) pieces.add(m);
        }
        state = State.IN_STEP;
        pos = limit = 0;
        marks.clear();
        int at = 0;
        for (Mark m : pieces) {
            int n = (int) (m.end() - from) - at;
            if (state == State.IN_STEP) cut(rest, at, n, m.at());
            else if (state == State.SEARCHING) append(rest, at, n, m.at());
            at += n;
        }
    }

    /** Brings out what can still be made of what is held, and reports the rest as dropped. */
    private void settle(PacketRef at, String what) {
        if (state == State.SEARCHING) scan(true, at);
        if (state == State.IN_STEP && (body != null || prefixHave > 0)) {
            String had = body != null ? bodyHave + " of its " + body.length + " bytes" : "1 byte of its length prefix";
            report(at, "a frame of " + name + " " + what + " (it had " + had + "); dropped");
        }
        prefix = prefixHave = 0;
        body = null;
    }

    private boolean accepts(byte[] frame) {
        try {
            return plausible.test(frame);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private PacketRef refAt(long position) {
        for (Mark m : marks) {
            if (m.end() > position) return m.at();
        }
        return marks.getLast().at();
    }

    private void compact() {
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        base += pos;
        limit -= pos;
        pos = 0;
        while (!marks.isEmpty() && marks.peekFirst().end() <= base) marks.pollFirst();
    }

    private void releaseBuffer() {
        buffer = new byte[0];
        pos = limit = 0;
        marks.clear();
    }

    private void report(PacketRef at, String reason) {
        problems.accept(new CaptureProblem(at.number(), reason));
    }
}
