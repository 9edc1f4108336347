package io.acqsim.iso;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        if (t.getYear() < 1000 || t.getYear() > 9999) return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
        // by hand, as ISO_OFFSET_DATE_TIME writes it: the host renders this for every message it logs, under
        // the message log's lock, and the formatter's generic path cost ~5 % of host throughput (BENCHMARKS)
        StringBuilder sb = new StringBuilder(35).append(t.getYear()).append('-');
        two(sb, t.getMonthValue()).append('-');
        two(sb, t.getDayOfMonth()).append('T');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            String f = Integer.toString(nanos);
            sb.append('.').append("0".repeat(digits - f.length())).append(f);
        }
        return sb.append(offset.getId()).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
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
