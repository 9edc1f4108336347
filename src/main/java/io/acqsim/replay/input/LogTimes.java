package io.acqsim.replay.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the times of jPOS message logs:
 * <ul>
 *   <li>jPOS 3 (and 2.1) {@code at}: a local date-time without zone, {@code 2026-12-01T14:50:56.746982633},
 *       written in the logging JVM's default zone, so read in the zone given here;</li>
 *   <li>jPOS 2.0 and older {@code at}: {@code Mon Nov 30 10:00:00.123 CST 2020} (Java's Date format);
 *       an ambiguous zone abbreviation such as CST is resolved in favour of the given zone;</li>
 *   <li>an ISO-8601 time with offset or zone, as acqsim's {@code <simulated-at>} is written.</li>
 * </ul>
 * The common ISO shapes are read by hand, without a DateTimeFormatter, because a log has one per
 * message; anything else falls back to the formatters.
 */
final class LogTimes {
    private static final DateTimeFormatter ISO_ZONED = DateTimeFormatter.ISO_ZONED_DATE_TIME;

    private final ZoneRules rules;
    private final DateTimeFormatter legacy;

    LogTimes(ZoneId zone) {
        this.rules = zone.getRules();
        this.legacy = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern("EEE MMM d HH:mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
                .appendLiteral(' ')
                .appendZoneText(TextStyle.SHORT, Set.of(zone))
                .appendLiteral(' ')
                .appendPattern("uuuu")
                .toFormatter(Locale.US);
    }

    /**
     * The instant of a log event's {@code at}: a local date-time is in this reader's zone.
     *
     * @throws DateTimeException when {@code text} is none of the known shapes
     */
    Instant at(String text) {
        String s = text.trim();
        Instant fast = isoFast(s, true);
        if (fast != null) return fast;
        if (!s.isEmpty() && Character.isLetter(s.charAt(0))) {
            return legacy.parse(s.replaceAll("\\s+", " "), Instant::from);
        }
        return ISO_ZONED.parse(s, Instant::from);
    }

    /**
     * The instant of an ISO-8601 time that carries its offset ({@code 2026-09-30T10:00:00.123+08:00},
     * {@code ...Z}, {@code ...+08:00[Asia/Shanghai]}).
     *
     * @throws DateTimeException when it does not
     */
    Instant withOffset(String text) {
        String s = text.trim();
        Instant fast = isoFast(s, false);
        return fast != null ? fast : ISO_ZONED.parse(s, Instant::from);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by nothing (local: in this zone, only when
     * {@code localAllowed}), {@code Z}, or {@code ±HH:MM}; null for anything else (the caller falls back).
     */
    private Instant isoFast(String s, boolean localAllowed) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') return null;
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if ((year | month | day | hour | minute) < 0) return null;
        int i = 16;
        int second = 0;
        int nano = 0;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0) return null;
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int k = i + 1;
                int scale = 100_000_000;
                while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9' && k - i <= 9) {
                    nano += (s.charAt(k) - '0') * scale;
                    scale /= 10;
                    k++;
                }
                if (k == i + 1) return null;
                i = k;
            }
        }
        if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        long local = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
        ZoneOffset offset;
        if (i == n) {
            if (!localAllowed) return null;
            offset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH)
                    : rules.getOffset(LocalDateTime.of(year, month, day, hour, minute, second, nano));
        } else if (i + 1 == n && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i + 6 == n && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) return null;
            int total = oh * 3_600 + om * 60;
            offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
        } else {
            return null;
        }
        return Instant.ofEpochSecond(local - offset.getTotalSeconds(), nano);
    }

    /** The {@code count} decimal digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) return -1;
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
