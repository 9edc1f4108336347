package io.acqsim.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jpos.util.LogEvent;
import org.jpos.util.LogEventWriter;

/**
 * The XML message log's writer (a {@code <writer>} of jPOS's RotateLogListener): the same XML that
 * RotateLogListener writes by itself, in one write per event instead of one per line. RotateLogListener
 * prints into a PrintStream over an unbuffered FileOutputStream, so a logged ISOMsg of twenty fields
 * costs some twenty-five write system calls; here the event is rendered into a buffer and handed to
 * the file in one write, then flushed, so every event is in the file when {@code write} returns (on the
 * thread of {@link AsyncLogListener}, which hands events to RotateLogListener).
 * Also writes the {@code <?xml?>}/{@code <logger>} header on each new file and {@code </logger>} on close,
 * which RotateLogListener leaves to its writer when it has one, so the file reads exactly as before.
 * Calls arrive under RotateLogListener's lock, one at a time.
 */
public final class BufferedXmlLogWriter implements LogEventWriter {
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<logger class=\"org.jpos.util.RotateLogListener\">\n";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private final PrintStream render = new PrintStream(buffer, false, StandardCharsets.UTF_8);
    private PrintStream out;

    @Override
    public synchronized void setPrintStream(PrintStream p) {
        if (p == out) return;
        close();
        out = p;
        if (out != null) {
            out.print(HEADER);
            out.flush();
        }
    }

    @Override
    public synchronized void write(LogEvent ev) {
        if (out == null || ev == null) return;
        buffer.reset();
        ev.dump(render, "");
        render.flush();
        try {
            buffer.writeTo(out); // the buffer's own bytes, not a copy of them
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: a PrintStream keeps its errors for checkError()
        }
        out.flush();
        if (buffer.size() > 1 << 20) buffer.reset(); // do not keep a huge one-off event's buffer
    }

    @Override
    public synchronized void close() {
        if (out == null) return;
        if (out != System.out && out != System.err) {
            out.println("</logger>");
            out.close();
        }
        out = null;
    }
}
