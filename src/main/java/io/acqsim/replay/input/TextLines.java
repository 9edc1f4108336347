package io.acqsim.replay.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, numbered from 1, in bounded memory: a line longer than {@link #MAX_CHARS} is
 * returned cut to that length with {@link #cut()} true, and the rest of it is read past. Line ends are
 * {@code \n} or {@code \r\n}.
 */
final class TextLines implements Closeable {
    static final int MAX_CHARS = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;
    private long number;
    private boolean cut;
    private boolean eof;

    TextLines(Reader in) {
        this.in = in;
    }

    /** The next line without its end, or null after the last. */
    String next() throws IOException {
        line.setLength(0);
        cut = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!any) return null;
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') pos++;
            append(start, pos);
            if (pos < limit) {
                pos++;
                break;
            }
        }
        number++;
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
        return line.toString();
    }

    /** The number of the line {@link #next} returned last. */
    long number() {
        return number;
    }

    /** Whether the last line was longer than {@link #MAX_CHARS} and was cut. */
    boolean cut() {
        return cut;
    }

    private void append(int from, int to) {
        int room = MAX_CHARS - line.length();
        if (to - from > room) {
            cut = true;
            to = from + Math.max(room, 0);
        }
        line.append(buf, from, to - from);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
