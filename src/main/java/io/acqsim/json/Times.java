package io.acqsim.json;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Parsing and printing the API's times: ISO-8601 instants with offset, durations, local dates. */
public final class Times {
    private Times() {
    }

    public static OffsetDateTime local(Instant at, ZoneId zone) {
        return at == null ? null : OffsetDateTime.ofInstant(at, zone);
    }

    /** An instant with offset ({@code 2026-10-08T10:00+08:00}) or in UTC ({@code ...Z}). */
    public static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException(field + " is required, e.g. 2026-10-08T10:00:00+08:00");
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an ISO-8601 instant with offset such as 2026-10-08T10:00:00+08:00");
        }
    }

    public static Duration duration(String field, String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException(field + " is required, e.g. PT36H or P7D");
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an ISO-8601 duration such as PT36H or P7D");
        }
    }

    public static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a date such as 2026-10-08");
        }
    }
}
