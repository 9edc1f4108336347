package io.acqsim.replay.input;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Reads frames written as hex text, one of two layouts per file (decided by its first frame line),
 * and unpacks each with a {@link FrameUnpacker} for the replay's profile.
 * <pre>
 * file     = { line }
 * line     = blank | comment | [time] [label] [frame text]
 * comment  = '#' ...                         (after optional spaces)
 * time     = ISO-8601 date-time, with an offset (2026-09-30T10:00:00.123+08:00, ...Z) or without one
 *            (then in the given zone); the first word of the line if it contains ':'
 * label    = '[' connection name ']'         (anything but ']')
 * </pre>
 * <b>Plain layout</b>: the frame text is one whole frame as hex digits (either case), spaces and tabs
 * allowed anywhere between digits: {@code 2026-09-30T10:00:00+08:00 [conn-1] 0077 3032 3030 ...}.
 * <p>
 * <b>Dump layout</b>, jPOS's {@code ISOUtil.hexdump}: {@code 0000  30 32 30 30 F2 3C 04 80  00 C0 80 10 31 39 36 32  0200.<......1962}
 * — an offset of 4 hex digits (8 beyond FFFF), then up to 16 two-digit bytes separated by one or two
 * spaces; three or more spaces (where hexdump pads a short last line), or the sixteenth byte, end the
 * bytes, so the ASCII column is never read as hex. A dump is one frame; it ends at a blank line, at a
 * line whose offset is 0 again, or at a line with a time or label and nothing else. Each line's offset
 * must equal the bytes before it. The file is in this layout when its first frame line starts with
 * offset {@code 0000} followed by a two-digit byte.
 * <p>
 * In both layouts a line with only a time and/or label gives them to the frame that starts next; the
 * time and label of a frame's first line win. A frame may start with the profile's 2-byte length
 * prefix: it is there when its first two bytes, big-endian, equal the number of bytes after them.
 * Without a label the connection is the file; without a time, {@link RecordedMessage#at()} is null.
 * {@link Origin} is the frame's first line. A frame with a bad line (odd number of digits, not hex,
 * offset out of step, longer than 65,537 bytes) or that does not unpack is reported and skipped.
 */
public final class HexDumpReader implements MessageReader {
    /** The longest frame: a 2-byte length prefix and 65,535 bytes. */
    static final int MAX_FRAME = 2 + 0xFFFF;

    private enum Layout { UNKNOWN, PLAIN, DUMP }

    private record Label(Instant at, String connection) {
        static final Label NONE = new Label(null, null);

        Label or(Label other) {
            return new Label(at != null ? at : other.at, connection != null ? connection : other.connection);
        }
    }

    private final Path file;
    private final TextLines lines;
    private final FrameUnpacker unpacker;
    private final LogTimes times;
    private final Problems problems;
    private Layout layout = Layout.UNKNOWN;
    private Label heading = Label.NONE;
    private boolean truncated;

    private final ByteArrayOutputStream dump = new ByteArrayOutputStream(1024);
    private boolean dumpOpen;
    private boolean dumpBroken;
    private long dumpLine;
    private Label dumpLabel;

    /**
     * Opens {@code file} (gzip or plain).
     *
     * @param zone zone of times written without an offset
     */
    public HexDumpReader(Path file, FrameUnpacker unpacker, ZoneId zone, Problems problems) throws IOException {
        this(file, InputFile.openText(file), unpacker, zone, problems);
    }

    /** Reads {@code text}; {@code file} names it in origins and problems. The reader closes {@code text}. */
    public HexDumpReader(Path file, Reader text, FrameUnpacker unpacker, ZoneId zone, Problems problems) {
        this.file = file;
        this.lines = new TextLines(text);
        this.unpacker = unpacker;
        this.times = new LogTimes(zone);
        this.problems = problems;
    }

    /** A line's optional time and label, and where the rest of it (the frame text) starts. */
    private record Prefix(Label label, int bodyStart) {
    }

    @Override
    public RecordedMessage next() throws IOException {
        String text;
        while ((text = nextLine()) != null) {
            RecordedMessage m = line(text, lines.number());
            if (m != null) return m;
        }
        return endDump();
    }

    /** The next line, or null at the end, also when a gzip file is cut short (reported: what decompressed is read). */
    private String nextLine() throws IOException {
        if (truncated) return null;
        try {
            return lines.next();
        } catch (EOFException e) {
            truncated = true;
            report(lines.number() + 1, "the compressed data ends early (a gzip file cut short): " + e.getMessage() + "; read up to here");
            return null;
        }
    }

    /** Takes one line; returns a message when the line completes one (a dump ends, a plain frame). */
    private RecordedMessage line(String text, long n) {
        String t = text.strip();
        if (t.isEmpty()) return endDump();
        if (t.charAt(0) == '#') return null;
        if (lines.cut()) return badLine(n, "line longer than " + TextLines.MAX_CHARS + " characters");
        Prefix prefix;
        try {
            prefix = prefix(t);
        } catch (IllegalArgumentException e) {
            return badLine(n, e.getMessage());
        }
        String body = t.substring(prefix.bodyStart());
        if (body.isEmpty()) {
            RecordedMessage done = endDump();
            heading = prefix.label();
            return done;
        }
        if (layout == Layout.UNKNOWN) layout = DumpLine.startsDump(body) ? Layout.DUMP : Layout.PLAIN;
        if (layout == Layout.DUMP) return dumpLine(body, n, prefix.label());
        Label l = prefix.label().or(heading);
        heading = Label.NONE;
        int column = text.length() - text.stripLeading().length() + prefix.bodyStart() + 1;
        byte[] frame = plain(body, n, column);
        return frame == null ? null : message(frame, n, l);
    }

    /** A line that is neither blank, comment, heading nor frame: reported; a dump it is in is skipped. */
    private RecordedMessage badLine(long n, String reason) {
        boolean inDump = dumpOpen && !dumpBroken;
        if (dumpOpen) dumpBroken = true;
        report(n, reason + (inDump ? "; frame skipped" : "; line skipped"));
        return null;
    }

    /** The bytes of a plain-layout frame whose first character is at {@code column} of its line, or null (reported). */
    private byte[] plain(String body, long n, int column) {
        byte[] out = new byte[body.length() / 2];
        int count = 0;
        int hi = -1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ' ' || c == '\t') continue;
            int d = HexDigits.value(c);
            if (d < 0) {
                report(n, "'" + c + "' at column " + (column + i) + " is not a hex digit; frame skipped");
                return null;
            }
            if (hi < 0) {
                hi = d;
            } else {
                out[count++] = (byte) (hi << 4 | d);
                hi = -1;
            }
        }
        if (hi >= 0) {
            report(n, "odd number of hex digits (" + (count * 2 + 1) + "); frame skipped");
            return null;
        }
        return Arrays.copyOf(out, count);
    }

    private RecordedMessage dumpLine(String body, long n, Label label) {
        DumpLine d = DumpLine.parse(body);
        if (d == null) return badLine(n, "not a hex dump line (offset, then up to 16 hex bytes)");
        RecordedMessage done = null;
        if (d.offset() == 0) {
            done = endDump();
            dumpOpen = true;
            dumpBroken = false;
            dumpLine = n;
            dumpLabel = label.or(heading);
            heading = Label.NONE;
            dump.reset();
        } else if (!dumpOpen) {
            report(n, "hex dump line at offset " + Long.toHexString(d.offset()) + " without the lines before it (no offset 0000); skipped");
            return null;
        } else if (dumpBroken) {
            return null;
        } else if (d.offset() != dump.size()) {
            dumpBroken = true;
            report(n, "offset " + Long.toHexString(d.offset()) + " where " + Integer.toHexString(dump.size()) + " was due; frame skipped");
            return null;
        }
        if (dump.size() + d.bytes().length > MAX_FRAME) {
            dumpBroken = true;
            report(n, "frame longer than " + MAX_FRAME + " bytes; frame skipped");
            return done;
        }
        dump.writeBytes(d.bytes());
        return done;
    }

    /** The dump in progress as a message (or null: none, broken, or it does not unpack); the dump is closed. */
    private RecordedMessage endDump() {
        if (!dumpOpen) return null;
        dumpOpen = false;
        if (dumpBroken) return null;
        return message(dump.toByteArray(), dumpLine, dumpLabel);
    }

    private RecordedMessage message(byte[] bytes, long line, Label label) {
        byte[] frame = bytes;
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF)) == bytes.length - 2) {
            frame = Arrays.copyOfRange(bytes, 2, bytes.length);
        }
        ISOMsg m;
        try {
            m = unpacker.unpack(frame);
        } catch (ISOException e) {
            report(line, "frame of " + bytes.length + " bytes does not unpack as " + unpacker.profile() + ": " + e.getMessage() + "; frame skipped");
            return null;
        }
        String connection = label.connection() != null ? label.connection() : file.toString();
        return new RecordedMessage(Origin.line(file, line), connection, label.at(), m);
    }

    /** The optional time and label that begin {@code t}; IllegalArgumentException says what is wrong with them. */
    private Prefix prefix(String t) {
        int i = 0;
        Instant at = null;
        String connection = null;
        int space = firstSpace(t);
        String first = t.substring(0, space);
        if (first.indexOf(':') >= 0) {
            try {
                at = times.at(first);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + first + "' is not an ISO-8601 date-time");
            }
            i = skipSpaces(t, space);
        }
        if (i < t.length() && t.charAt(i) == '[') {
            int close = t.indexOf(']', i);
            if (close < 0) throw new IllegalArgumentException("connection label without its ']'");
            connection = t.substring(i + 1, close).strip();
            i = skipSpaces(t, close + 1);
        }
        return new Prefix(at == null && connection == null ? Label.NONE : new Label(at, connection), i);
    }

    private static int firstSpace(String t) {
        int i = 0;
        while (i < t.length() && t.charAt(i) != ' ' && t.charAt(i) != '\t') i++;
        return i;
    }

    private static int skipSpaces(String t, int i) {
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
        return i;
    }

    private void report(long line, String reason) {
        problems.report(new InputProblem(Origin.line(file, line), reason));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
