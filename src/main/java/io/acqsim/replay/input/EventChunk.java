package io.acqsim.replay.input;

import java.io.Reader;
import java.util.Arrays;

/**
 * Complete {@code <log>} events found by {@link LogEventScanner}, as positions in the scanner's buffer,
 * valid until the scanner reads on. {@link #reader} shows events {@code from} onwards as one XML document
 * for a StAX parser: a synthetic root element around the events, and between two events as many line
 * breaks as the file has between them, so that a parser's line {@code n} is file line
 * {@code line(from) + n - 1}. Whatever lies between the events in the file (the {@code <logger>} root,
 * events without a message, text that is not XML) is left out.
 */
final class EventChunk {
    private static final char[] OPEN = "<r>".toCharArray();
    private static final char[] CLOSE = "</r>".toCharArray();

    private char[] text;
    private int size;
    private int[] start = new int[64];
    private int[] end = new int[64];
    private long[] firstLine = new long[64];
    private long[] lastLine = new long[64];

    void clear() {
        size = 0;
    }

    void add(char[] buffer, int from, int to, long fromLine, long toLine) {
        if (size == start.length) {
            int n = size * 2;
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            firstLine = Arrays.copyOf(firstLine, n);
            lastLine = Arrays.copyOf(lastLine, n);
        }
        text = buffer;
        start[size] = from;
        end[size] = to;
        firstLine[size] = fromLine;
        lastLine[size] = toLine;
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The file line of event {@code i}'s {@code <log} tag. */
    long line(int i) {
        return firstLine[i];
    }

    /** Events {@code from} to the last as one XML document (see the class comment). */
    Reader reader(int from) {
        return new ChunkReader(from);
    }

    private final class ChunkReader extends Reader {
        private int event;
        private int at;
        private long newlines;
        private int phase; // 0 root start tag, 1 events, 2 root end tag, 3 done
        private int tagAt;

        ChunkReader(int from) {
            event = from;
            at = start[from];
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            int n = 0;
            while (n < len && phase < 3) {
                if (phase == 0) {
                    n += copy(OPEN, cbuf, off + n, len - n);
                } else if (phase == 2) {
                    n += copy(CLOSE, cbuf, off + n, len - n);
                } else if (newlines > 0) {
                    int k = (int) Math.min(newlines, len - n);
                    Arrays.fill(cbuf, off + n, off + n + k, '\n');
                    newlines -= k;
                    n += k;
                } else {
                    int k = Math.min(end[event] - at, len - n);
                    System.arraycopy(text, at, cbuf, off + n, k);
                    at += k;
                    n += k;
                    if (at == end[event]) nextEvent();
                }
            }
            return n == 0 && len > 0 ? -1 : n;
        }

        /** Copies what is left of a fixed tag; moves to the next phase when it is all out. */
        private int copy(char[] tag, char[] cbuf, int off, int len) {
            int k = Math.min(tag.length - tagAt, len);
            System.arraycopy(tag, tagAt, cbuf, off, k);
            tagAt += k;
            if (tagAt == tag.length) {
                tagAt = 0;
                phase++;
            }
            return k;
        }

        private void nextEvent() {
            event++;
            if (event == size) {
                phase = 2;
            } else {
                at = start[event];
                newlines = firstLine[event] - lastLine[event - 1];
            }
        }

        @Override
        public void close() {
            phase = 3;
        }
    }
}
