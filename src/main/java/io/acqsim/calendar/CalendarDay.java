package io.acqsim.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of {@link BusinessCalendar#days}, as the admin API lists it.
 *
 * @param date    the date
 * @param kind    what the calendar says about it
 * @param holiday for a HOLIDAY its name; for a MAKEUP_WORKDAY the holiday it is worked for; else null
 */
public record CalendarDay(LocalDate date, DayKind kind, String holiday) {
    public CalendarDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
    }
}
