package io.acqsim.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.acqsim.config.ConfigError;
import io.acqsim.config.ConfigFile;

/**
 * Reads a date written {@code YYYY-MM-DD} from a {@link ConfigFile}.
 *
 * <p>Why this is not just {@code LocalDate.parse}: SnakeYAML resolves an unquoted {@code 2026-10-01}
 * to a {@code java.util.Date} at midnight UTC, and ConfigFile renders values with {@code toString()},
 * which uses the JVM's default time zone ("Wed Sep 30 20:00:00 EDT 2026" in New York). This class
 * turns that rendering back into the instant at UTC midnight and so the date as written, on every
 * machine. A quoted date arrives as written and is parsed strictly. SnakeYAML is lenient about such
 * timestamps (an unquoted 2026-02-30 arrives as 2026-03-02); {@link CalendarFile}'s year check
 * catches month overflow, and docs/CALENDARS.md tells to quote a date to have it checked strictly.
 */
final class IsoDates {
    /** {@code Date.toString()}: "EEE MMM dd HH:mm:ss zzz yyyy", always in English. */
    private static final Pattern DATE_TO_STRING =
            Pattern.compile("[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) \\S+ (\\d{4,})");
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private IsoDates() {
    }

    /** The date under {@code key}, required. */
    static LocalDate required(ConfigFile c, String key) {
        String s = c.requiredString(key);
        Matcher m = DATE_TO_STRING.matcher(s);
        if (m.matches()) return fromYamlTimestamp(c, key, s, m);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw c.error(key, "'" + s + "' is not a date of the form YYYY-MM-DD");
        }
    }

    private static LocalDate fromYamlTimestamp(ConfigFile c, String key, String s, Matcher m) {
        int at = MONTHS.indexOf(m.group(1));
        if (at < 0 || at % 3 != 0) throw unreadable(c, key, s);
        int month = at / 3 + 1;
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(6)), month, Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        // In a daylight-saving overlap the local time has two offsets: take the one giving UTC midnight.
        for (ZoneOffset offset : ZoneId.systemDefault().getRules().getValidOffsets(local)) {
            Instant instant = local.toInstant(offset);
            if (instant.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0) {
                return instant.atOffset(ZoneOffset.UTC).toLocalDate();
            }
        }
        throw unreadable(c, key, s);
    }

    private static ConfigError unreadable(ConfigFile c, String key, String s) {
        return c.error(key, "'" + s + "' is not a date of the form YYYY-MM-DD (write it in quotes: \"2026-10-01\")");
    }
}
