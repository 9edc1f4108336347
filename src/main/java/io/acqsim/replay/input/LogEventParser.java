package io.acqsim.replay.input;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jpos.iso.ISOAmount;
import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOField;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.SimulatedAt;

/**
 * Turns the {@code <log>} events of an {@link EventChunk} into {@link RecordedMessage}s with one StAX
 * parser per chunk. What counts as a message: an {@code <isomsg>} that is a direct child of
 * {@code <receive>} or {@code <send>}, or any {@code <isomsg>} with a {@code direction} attribute, found
 * outside another message; inside a message, {@code <isomsg id="n">} is composite field n (a nested
 * ISOMsg), {@code <field>} a field (binary as ISOBinaryField, {@code type="amount"} as ISOAmount, else a
 * string), {@code <header>} the header in hex. The message's direction is set from its attribute, or from
 * its {@code <receive>}/{@code <send>} wrapper.
 * <p>
 * A message with a bad field (id, hex, amount) or without a four-digit MTI is reported with the line of
 * the offending element and skipped; so is every message of an event whose time cannot be read. When
 * the XML of an event is not well-formed the parser cannot go on: the event is reported (line of the
 * error) and a new parser starts at the next event of the chunk, so one broken event costs only itself.
 * Messages are handed on when their {@code </log>} is read, so a broken event yields none.
 */
final class LogEventParser {
    /**
     * Receives each message; {@code wallTime} is the event's {@code at} text when the message's time is its
     * {@code <simulated-at>}, else null (the message's time is the wall time). Read with {@link LogTimes#at}
     * only when needed: most reads never ask.
     */
    @FunctionalInterface
    interface Sink {
        void accept(RecordedMessage message, String wallTime);
    }

    private static final XMLInputFactory FACTORY = factory();
    private static final HexFormat HEX = HexFormat.of();

    private static final int ROOT = 0;
    private static final int LOG = 1;
    private static final int RECEIVE = 2;
    private static final int SEND = 3;
    private static final int MESSAGE = 4;
    private static final int COMPOSITE = 5;
    private static final int OTHER = 6;

    private final Path file;
    private final String fileName;
    private final String defaultConnection;
    private final LogTimes times;
    private final Problems problems;

    private int[] kinds = new int[16];
    private int depth;
    private final List<ISOMsg> open = new ArrayList<>();
    private boolean bad;
    private long messageLine;
    private final List<ISOMsg> pending = new ArrayList<>();
    private final List<Long> pendingLines = new ArrayList<>();
    private String realm;
    private String at;
    private String simulatedAt;
    private long eventLine;
    private long lineBase;

    LogEventParser(Path file, LogTimes times, Problems problems) {
        this.file = file;
        this.fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        this.defaultConnection = file.toString();
        this.times = times;
        this.problems = problems;
    }

    /**
     * Aalto's StAX implementation, not the JDK's: on a 436 MB acqsim log the JDK's parser alone took about
     * half of a dry run; Aalto halves the whole run (docs/BENCHMARKS.md, "Replay"). DTDs and external
     * entities are off: a log is data, never a document that may pull in files.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory f = new com.fasterxml.aalto.stax.InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    private static XMLStreamReader open(Reader r) throws XMLStreamException {
        synchronized (FACTORY) {
            return FACTORY.createXMLStreamReader(r);
        }
    }

    /** Hands every message of the chunk's events to {@code out}, in order. */
    void parse(EventChunk chunk, Sink out) {
        int from = 0;
        while (from < chunk.size()) from = parse(chunk, from, out);
    }

    /** Parses events {@code from} onwards; returns where to go on: the chunk's size, or the event after a broken one. */
    private int parse(EventChunk chunk, int from, Sink out) {
        lineBase = chunk.line(from) - 1;
        depth = 0;
        int event = from - 1;
        boolean inLog = false;
        XMLStreamReader x = null;
        try {
            x = open(chunk.reader(from));
            while (x.hasNext()) {
                int type = x.next();
                if (type == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 1) {
                        event++;
                        inLog = true;
                        startEvent(x, chunk.line(event));
                        push(LOG);
                    } else if (depth == 0) {
                        push(ROOT);
                    } else {
                        start(x);
                    }
                } else if (type == XMLStreamConstants.END_ELEMENT) {
                    int kind = kinds[--depth];
                    if (kind == LOG) {
                        inLog = false;
                        endEvent(out);
                    } else {
                        end(kind);
                    }
                }
            }
            return chunk.size();
        } catch (XMLStreamException e) {
            return skipBroken(chunk, inLog ? event : event + 1, e);
        } catch (RuntimeException e) {
            // Aalto's getText and getElementText throw a well-formedness error wrapped in its unchecked
            // UncheckedStreamException (found by fuzzing: a NUL or control character inside a field's text)
            if (!(e.getCause() instanceof XMLStreamException cause)) throw e;
            return skipBroken(chunk, inLog ? event : event + 1, cause);
        } finally {
            clearEvent();
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open but the chunk's reader, which needs no closing
                }
            }
        }
    }

    /** Reports event {@code broken} as not well-formed; returns the event to go on from. */
    private int skipBroken(EventChunk chunk, int broken, XMLStreamException e) {
        Location l = e.getLocation();
        long line = l != null && l.getLineNumber() > 0 ? lineBase + l.getLineNumber() : chunk.line(broken);
        report(line, "not well-formed XML: " + reason(e) + "; the <log> event at line " + chunk.line(broken) + " is skipped");
        return broken + 1;
    }

    private void startEvent(XMLStreamReader x, long line) {
        clearEvent();
        eventLine = line;
        realm = x.getAttributeValue(null, "realm");
        at = x.getAttributeValue(null, "at");
    }

    private void clearEvent() {
        pending.clear();
        pendingLines.clear();
        open.clear();
        realm = null;
        at = null;
        simulatedAt = null;
        bad = false;
    }

    /** A start tag inside a {@code <log>}; an element whose text is read here is consumed, not pushed. */
    private void start(XMLStreamReader x) throws XMLStreamException {
        String name = x.getLocalName();
        ISOMsg current = open.isEmpty() ? null : open.get(open.size() - 1);
        switch (name) {
            case "isomsg" -> {
                if (current == null) startMessage(x);
                else startComposite(x);
            }
            case "field" -> {
                if (current == null || bad) push(OTHER);
                else field(x, current);
            }
            case "header" -> {
                if (current == null || bad) push(OTHER);
                else header(x, current);
            }
            case "receive" -> push(RECEIVE);
            case "send" -> push(SEND);
            default -> {
                if (current == null && SimulatedAt.TAG.equals(name)) simulatedAt = x.getElementText();
                else push(OTHER);
            }
        }
    }

    private void end(int kind) {
        if (kind == COMPOSITE) {
            ISOMsg sub = open.remove(open.size() - 1);
            if (!bad) set(open.get(open.size() - 1), sub);
        } else if (kind == MESSAGE) {
            ISOMsg m = open.remove(open.size() - 1);
            if (!bad) finishMessage(m);
            bad = false;
        }
    }

    private void startMessage(XMLStreamReader x) {
        String direction = x.getAttributeValue(null, "direction");
        int parent = kinds[depth - 1];
        if (direction == null && parent != RECEIVE && parent != SEND) {
            push(OTHER);
            return;
        }
        ISOMsg m = new ISOMsg();
        if ("incoming".equals(direction) || direction == null && parent == RECEIVE) m.setDirection(ISOMsg.INCOMING);
        else if ("outgoing".equals(direction) || direction == null && parent == SEND) m.setDirection(ISOMsg.OUTGOING);
        messageLine = line(x);
        open.add(m);
        bad = false;
        push(MESSAGE);
    }

    private void startComposite(XMLStreamReader x) {
        String id = x.getAttributeValue(null, "id");
        int n = bad ? -1 : fieldNumber(id);
        if (n < 0) {
            if (!bad) fail(x, "nested <isomsg> with id '" + id + "', not a field number");
            push(OTHER);
            return;
        }
        open.add(new ISOMsg(n));
        push(COMPOSITE);
    }

    private void field(XMLStreamReader x, ISOMsg current) throws XMLStreamException {
        String id = null;
        String value = null;
        String type = null;
        String currency = null;
        for (int i = 0, n = x.getAttributeCount(); i < n; i++) {
            switch (x.getAttributeLocalName(i)) {
                case "id" -> id = x.getAttributeValue(i);
                case "value" -> value = x.getAttributeValue(i);
                case "type" -> type = x.getAttributeValue(i);
                case "currency" -> currency = x.getAttributeValue(i);
                default -> { }
            }
        }
        if (value == null) value = x.getElementText();
        else push(OTHER);
        if ("bitmap".equals(type) || "bitmap".equals(id)) return;
        int n = fieldNumber(id);
        if (n < 0) {
            fail(x, "field id '" + id + "' is not a field number");
            return;
        }
        ISOComponent c;
        if ("binary".equals(type)) {
            byte[] bytes = hex(value);
            if (bytes == null) {
                fail(x, "binary field " + n + " is not hex: '" + value + "'");
                return;
            }
            c = new ISOBinaryField(n, bytes);
        } else if ("amount".equals(type)) {
            try {
                c = new ISOAmount(n, Integer.parseInt(currency), new BigDecimal(value));
            } catch (ISOException | RuntimeException e) {
                fail(x, "amount field " + n + " is not an amount with a currency: '" + value + "' currency '" + currency + "'");
                return;
            }
        } else {
            c = new ISOField(n, controlsRestored(value));
        }
        set(current, c);
    }

    private void header(XMLStreamReader x, ISOMsg current) throws XMLStreamException {
        String text = x.getElementText().trim();
        byte[] bytes = hex(text);
        if (bytes == null) fail(x, "header is not hex: '" + text + "'");
        else current.setHeader(bytes);
    }

    private void finishMessage(ISOMsg m) {
        String mti = m.hasField(0) ? m.getString(0) : null;
        if (!Mti.valid(mti)) {
            fail(messageLine, mti == null ? "message without MTI (field 0)" : "MTI '" + mti + "' is not four digits");
            return;
        }
        pending.add(m);
        pendingLines.add(messageLine);
    }

    private void endEvent(Sink out) {
        if (pending.isEmpty()) return;
        Instant when;
        try {
            when = simulatedAt != null ? times.withOffset(simulatedAt) : at != null ? times.at(at) : null;
        } catch (DateTimeException e) {
            String what = simulatedAt != null ? "<" + SimulatedAt.TAG + "> '" + simulatedAt.trim() + "'" : "at='" + at + "'";
            report(eventLine, what + " is not a time this reader knows; the event's " + pending.size() + " message(s) skipped");
            return;
        }
        String wall = simulatedAt == null ? null : at;
        String connection = realm != null ? realm : defaultConnection;
        for (int i = 0; i < pending.size(); i++) {
            out.accept(new RecordedMessage(new Origin(fileName, Origin.Unit.LINE, pendingLines.get(i)), connection, when, pending.get(i)), wall);
        }
    }

    private void set(ISOMsg m, ISOComponent c) {
        try {
            m.set(c);
        } catch (ISOException e) {
            fail(messageLine, "field " + c.getFieldNumber() + ": " + e.getMessage());
        }
    }

    private void fail(XMLStreamReader x, String reason) {
        fail(line(x), reason);
    }

    /** Reports the message being read as skipped; the rest of it is read past. */
    private void fail(long line, String reason) {
        bad = true;
        report(line, reason + "; message skipped");
    }

    private void report(long line, String reason) {
        problems.report(new InputProblem(Origin.line(file, line), reason));
    }

    private long line(XMLStreamReader x) {
        return lineBase + x.getLocation().getLineNumber();
    }

    private void push(int kind) {
        if (depth == kinds.length) kinds = Arrays.copyOf(kinds, depth * 2);
        kinds[depth++] = kind;
    }

    private static int fieldNumber(String id) {
        if (id == null || id.isEmpty() || id.length() > 9) return -1;
        int n = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static byte[] hex(String s) {
        try {
            return HEX.parseHex(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * jPOS writes a control character of a field value as the six characters {@code \}{@code u00XX}
     * (ISOUtil.normalize); this turns them back, as jPOS's XMLPackager does when it reads such a value.
     */
    static String controlsRestored(String v) {
        if (v.indexOf('\\') < 0) return v;
        StringBuilder sb = new StringBuilder(v.length());
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '\\' && i + 6 <= v.length() && v.charAt(i + 1) == 'u' && v.charAt(i + 2) == '0' && v.charAt(i + 3) == '0') {
                int hi = HexDigits.value(v.charAt(i + 4));
                int lo = HexDigits.value(v.charAt(i + 5));
                if (hi >= 0 && lo >= 0) {
                    sb.append((char) (hi << 4 | lo));
                    i += 6;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** The parser's own words, without its "ParseError at [row,col]" preamble (the line is in the origin). */
    private static String reason(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int k = m.indexOf("Message: ");
        return (k >= 0 ? m.substring(k + 9) : m).strip();
    }
}
