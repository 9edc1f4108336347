package io.acqsim.host;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The business date of a capture: its local date, or the next day from the cutover (23:00) on. */
public final class BusinessDates {
    private BusinessDates() {
    }

    public static LocalDate of(Instant capturedAt, ZoneId zone, LocalTime cutover) {
        ZonedDateTime local = capturedAt.atZone(zone);
        LocalDate date = local.toLocalDate();
        return local.toLocalTime().isBefore(cutover) ? date : date.plusDays(1);
    }
}
