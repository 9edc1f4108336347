package io.acqsim.replay.input;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;

/**
 * Reads the messages of a jPOS XML message log: acqsim's own {@code DATA/log/q2.log} and its rotated or
 * gzip-compressed copies (gzip is recognised by its magic bytes, not the name), and the logs of other jPOS
 * systems — SimpleLogListener or RotateLogListener output with or without a {@code <logger>} root, any
 * realms, fields acqsim does not know, composite ({@code <isomsg id="127">}), binary and amount fields,
 * full or masked PANs (kept as written: masked values and ProtectedLogListener's {@code [WIPED]} strings and
 * {@code AA55AA55} binary fields stay what they are).
 * <p>
 * For each message: {@link Origin} is the file and the line of its {@code <isomsg}; the connection is the
 * event's {@code realm} ({@code channel-cup/127.0.0.1:47792}), or the file when the event has none; the time
 * is the event's {@code <simulated-at>} when acqsim wrote one, else its {@code at}, a zone-less {@code at}
 * (jPOS 3 writes the writing JVM's local time) being read in the zone given to the constructor, and the
 * jPOS 2.0 form {@code Mon Nov 30 10:00:00.123 CST 2020} understood as well. Events without a message are
 * skipped silently.
 * <p>
 * How, and why: a well-formedness error stops a StAX parser for good, and a log is not always well-formed
 * (an event cut off at the end of a file still being written or by a crash, exception dumps whose stack
 * traces hold {@code <init>}, a hand-edited line). So a cheap scanner ({@link LogEventScanner}) first cuts
 * the text into {@code <log>} events, tracking line numbers; then one StAX parser ({@link LogEventParser},
 * XMLStreamReader over a factory made once, DTDs and external entities off) reads a whole buffer-full of
 * events at a time under a synthetic root element, which also makes a bare sequence of {@code <log>}
 * elements a document. A broken event is reported with its file and line and a new parser resumes at the
 * next event, so the rest of the file is still read. Parsers are made per buffer-full, not per event:
 * making one (some 5 µs) costs as much as parsing a whole event. Memory is bounded whatever the file's
 * size: the scanner's buffer holds 128 K characters and grows for one longer event up to 16 M (a longer
 * event is reported and skipped). Text is UTF-8 (what jPOS writes); undecodable bytes become U+FFFD.
 */
public final class JposLogReader implements MessageReader, WallClock {
    private record Entry(RecordedMessage message, String wallTime) {
    }

    private final LogEventScanner scanner;
    private final LogEventParser parser;
    private final LogTimes times;
    private final ArrayDeque<Entry> ready = new ArrayDeque<>();
    private Entry last;
    private boolean ended;

    /**
     * Opens {@code file} (gzip or plain).
     *
     * @param logZone  the zone of {@code at} times that carry none
     * @param problems where skipped records go
     */
    public JposLogReader(Path file, ZoneId logZone, Problems problems) throws IOException {
        this(file, InputFile.openText(file), logZone, problems);
    }

    /** Reads {@code text}; {@code file} names it in origins and problems. The reader closes {@code text}. */
    public JposLogReader(Path file, Reader text, ZoneId logZone, Problems problems) {
        this(new LogEventScanner(text, file, problems), file, logZone, problems);
    }

    JposLogReader(LogEventScanner scanner, Path file, ZoneId logZone, Problems problems) {
        this.scanner = scanner;
        this.times = new LogTimes(logZone);
        this.parser = new LogEventParser(file, times, problems);
    }

    @Override
    public RecordedMessage next() throws IOException {
        while (ready.isEmpty()) {
            if (ended) return null;
            EventChunk chunk = scanner.next();
            if (chunk == null) {
                ended = true;
                return null;
            }
            parser.parse(chunk, (m, wall) -> ready.add(new Entry(m, wall)));
        }
        last = ready.poll();
        return last.message();
    }

    /** The {@code at} of the last message's event, which differs from the message's time where acqsim logged a simulated one. */
    @Override
    public Instant lastWallTime() {
        if (last == null) return null;
        if (last.wallTime() == null) return last.message().at();
        try {
            return times.at(last.wallTime());
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        scanner.close();
    }
}
