package io.acqsim.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The business date of a capture: its local date, or the next day from the cutover (23:00) on. */
public final class BusinessDates {
    private BusinessDates() {
    }

    /** The cutover instant that closes {@code businessDate}: that date at the cutover time. */
    public static Instant closesAt(LocalDate businessDate, ZoneId zone, LocalTime cutover) {
        return businessDate.atTime(cutover).atZone(zone).toInstant();
    }

    public static LocalDate of(Instant capturedAt, ZoneId zone, LocalTime cutover) {
        ZonedDateTime local = capturedAt.atZone(zone);
        LocalDate date = local.toLocalDate();
        return local.toLocalTime().isBefore(cutover) ? date : date.plusDays(1);
    }
}
