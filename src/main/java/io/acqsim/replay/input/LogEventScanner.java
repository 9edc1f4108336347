package io.acqsim.replay.input;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds the {@code <log>} events of a jPOS message log in its text without parsing them: a scanner that
 * looks only at {@code <} and what follows it, and counts lines. It knows just enough XML to not be
 * fooled: CDATA sections, comments and processing instructions are skipped whole, so a field value
 * {@code <![CDATA[</log>]]>} does not end an event. An event is the text from {@code <log} to its
 * {@code </log>}; it is kept only when it contains an {@code <isomsg} (the rest — Q2 start-up, sessions,
 * exceptions with stack traces that are not well-formed XML — never reaches the parser).
 * <p>
 * Memory stays bounded whatever the file's size: the buffer holds the events found since the last
 * {@link #next} and grows only for one event longer than itself, up to {@link #MAX_EVENT_CHARS} (32 MB); a longer
 * event is reported and skipped. An event cut off — by the end of the file (a log still being written)
 * or by the next {@code <log} (a host that crashed mid-write and started again) — is reported and
 * skipped; the complete ones around it are kept. So is a gzip file cut short: what decompresses is read.
 */
final class LogEventScanner implements Closeable {
    static final int INITIAL_CHARS = 1 << 17;
    static final int MAX_EVENT_CHARS = 1 << 24;
    /** Characters after a '<' needed to tell what it starts ("<![CDATA[", "<isomsg "). */
    private static final int LOOKAHEAD = 9;

    private final Reader in;
    private final Path file;
    private final Problems problems;
    private final EventChunk chunk = new EventChunk();
    private final int maxEventChars;
    private char[] buf;
    private int limit;
    private int pos;
    /** The line of {@code buf[pos]}. */
    private long line = 1;
    private boolean eof;
    private boolean done;

    private boolean inEvent;
    private boolean skipping;
    private boolean hasMessage;
    private int eventStart;
    private long eventLine;

    LogEventScanner(Reader in, Path file, Problems problems) {
        this(in, file, problems, INITIAL_CHARS, MAX_EVENT_CHARS);
    }

    /** With other buffer sizes than the defaults: for tests of events across buffer boundaries. */
    LogEventScanner(Reader in, Path file, Problems problems, int initialChars, int maxEventChars) {
        this.in = in;
        this.file = file;
        this.problems = problems;
        this.buf = new char[initialChars];
        this.maxEventChars = Math.max(initialChars, maxEventChars);
    }

    /** The next complete events that hold a message, or null at the end of the input. */
    EventChunk next() throws IOException {
        chunk.clear();
        while (!done) {
            scan();
            if (eof) {
                done = true;
                if (inEvent && !skipping) {
                    report(eventLine, "incomplete <log> event at the end of the file (cut off, or still being written)");
                }
                inEvent = false;
            } else if (chunk.isEmpty()) {
                fill();
            } else {
                return chunk;
            }
        }
        return chunk.isEmpty() ? null : chunk;
    }

    /** Scans from {@code pos} until more input is needed (or to the end at EOF), collecting events. */
    private void scan() {
        char[] b = buf;
        while (true) {
            int p = pos;
            long ln = line;
            int lim = limit;
            while (p < lim) {
                char c = b[p];
                if (c == '<') break;
                if (c == '\n') ln++;
                p++;
            }
            pos = p;
            line = ln;
            if (p >= lim) return;
            if (!eof && lim - p < LOOKAHEAD) return;
            if (!markup(p)) return;
        }
    }

    /** Handles the markup at {@code p} (a '<'); false when it does not end within the buffer yet. */
    private boolean markup(int p) {
        switch (at(p + 1)) {
            case '!' -> {
                if (startsWith(p, "<![CDATA[")) return skipTo(indexOf("]]>", p + 9), 3);
                if (startsWith(p, "<!--")) return skipTo(indexOf("-->", p + 4), 3);
                return skipTo(indexOf(">", p + 2), 1);
            }
            case '?' -> {
                return skipTo(indexOf("?>", p + 2), 2);
            }
            case '/' -> {
                if (isName(p + 2, "log")) {
                    if (!skipTo(indexOf(">", p + 5), 1)) return false;
                    if (inEvent) endEvent();
                    return true;
                }
            }
            case 'l' -> {
                if (isName(p + 1, "log")) return startTag(p);
            }
            case 'i' -> {
                if (inEvent && !hasMessage && isName(p + 1, "isomsg")) hasMessage = true;
            }
            default -> { }
        }
        pos = p + 1;
        return true;
    }

    private boolean startTag(int p) {
        int gt = endOfTag(p + 4);
        if (gt < 0) {
            if (!eof) return false;
            gt = limit - 1;
        }
        if (inEvent && !skipping) {
            report(eventLine, "incomplete <log> event: cut off by the next <log> at line " + line);
        }
        long startLine = line;
        advance(gt + 1);
        boolean empty = buf[gt] == '>' && buf[gt - 1] == '/';
        inEvent = !empty;
        skipping = false;
        hasMessage = false;
        eventStart = p;
        eventLine = startLine;
        return true;
    }

    private void endEvent() {
        if (hasMessage && !skipping) chunk.add(buf, eventStart, pos, eventLine, line);
        inEvent = false;
        skipping = false;
    }

    /** Moves past markup ending at {@code end} (+{@code length}); false when {@code end} is not found yet. */
    private boolean skipTo(int end, int length) {
        if (end < 0) {
            if (!eof) return false;
            advance(limit);
            return true;
        }
        advance(end + length);
        return true;
    }

    /** Moves {@code pos} to {@code to}, counting the lines passed. */
    private void advance(int to) {
        char[] b = buf;
        long ln = line;
        for (int i = pos; i < to; i++) {
            if (b[i] == '\n') ln++;
        }
        line = ln;
        pos = to;
    }

    /** The '>' that ends the start tag whose attributes begin at {@code from}, quotes respected; -1 if not in the buffer. */
    private int endOfTag(int from) {
        char quote = 0;
        for (int i = from; i < limit; i++) {
            char c = buf[i];
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(String s, int from) {
        char first = s.charAt(0);
        int last = limit - s.length();
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) continue;
            for (int k = 1; k < s.length(); k++) {
                if (buf[i + k] != s.charAt(k)) continue outer;
            }
            return i;
        }
        return -1;
    }

    private boolean startsWith(int p, String s) {
        if (p + s.length() > limit) return false;
        for (int k = 0; k < s.length(); k++) {
            if (buf[p + k] != s.charAt(k)) return false;
        }
        return true;
    }

    /** {@code name} at {@code p}, followed by what may follow an element name (space, '>', '/', end of input). */
    private boolean isName(int p, String name) {
        if (!startsWith(p, name)) return false;
        int q = p + name.length();
        if (q >= limit) return eof;
        char c = buf[q];
        return c == '>' || c == '/' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private char at(int i) {
        return i < limit ? buf[i] : 0;
    }

    /**
     * Makes room and reads more. Keeps the event in progress (or, outside one, the markup at {@code pos});
     * grows the buffer for an event longer than it, and past {@link #MAX_EVENT_CHARS} skips that event.
     */
    private void fill() throws IOException {
        compact(inEvent && !skipping ? eventStart : pos);
        if (limit == buf.length) {
            if (buf.length < maxEventChars) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxEventChars));
            } else if (inEvent && !skipping) {
                report(eventLine, "<log> event longer than " + maxEventChars + " characters; skipped");
                skipping = true;
                compact(pos);
            }
            if (limit == buf.length) advance(pos + 1);
            if (limit == buf.length) compact(pos);
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (EOFException e) {
            report(line, "the compressed data ends early (a gzip file cut short): " + e.getMessage() + "; read up to here");
            n = -1;
        }
        if (n < 0) eof = true;
        else limit += n;
    }

    private void compact(int from) {
        if (from == 0) return;
        System.arraycopy(buf, from, buf, 0, limit - from);
        limit -= from;
        pos -= from;
        eventStart -= from;
    }

    private void report(long at, String reason) {
        problems.report(new InputProblem(Origin.line(file, at), reason));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
