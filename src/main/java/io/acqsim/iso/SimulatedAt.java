package io.acqsim.iso;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jpos.util.Loggeable;

/**
 * The simulated instant at which a terminal channel received or sent a message, added to the channel's
 * log event so that the XML message log, whose {@code at} attribute is wall time, also says when the
 * message happened on the host's simulated clock. Dumps as one element, ISO-8601 with the offset of the
 * clock's zone and as many fraction digits as the instant has:
 * {@code <simulated-at>2026-09-30T10:00:00.123+08:00</simulated-at>}. The replay's log reader prefers it
 * to {@code at}.
 */
public record SimulatedAt(Instant instant, ZoneId zone) implements Loggeable {
    /** The element's name in the log. */
    public static final String TAG = "simulated-at";

    /** The element's text: {@code instant} in {@code zone}, e.g. {@code 2026-09-30T10:00:00.123+08:00}. */
    public String text() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    @Override
    public void dump(PrintStream p, String indent) {
        p.println(indent + "<" + TAG + ">" + text() + "</" + TAG + ">");
    }

    /** What the Log4j forwarder prints for it: {@code simulated-at=2026-09-30T10:00:00.123+08:00}. */
    @Override
    public String toString() {
        return TAG + "=" + text();
    }
}
