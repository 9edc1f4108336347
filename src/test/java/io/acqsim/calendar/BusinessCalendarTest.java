package io.acqsim.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The weekend-only calendar and the contracts of shift and days that do not depend on a table. */
class BusinessCalendarTest {
    static final BusinessCalendar PLAIN = BusinessCalendar.weekendsOnly("plain");
    static final LocalDate FRI_2026_11_20 = LocalDate.of(2026, 11, 20);
    static final LocalDate SAT_2026_11_21 = LocalDate.of(2026, 11, 21);
    static final LocalDate SUN_2026_11_22 = LocalDate.of(2026, 11, 22);
    static final LocalDate MON_2026_11_23 = LocalDate.of(2026, 11, 23);

    @Test
    void weekendsOnlyKnowsSaturdayAndSunday() {
        assertEquals("plain", PLAIN.name());
        assertEquals(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), PLAIN.weekend());
        assertTrue(PLAIN.years().isEmpty());
        assertFalse(PLAIN.covers(FRI_2026_11_20));
        assertEquals(DayKind.WORKDAY, PLAIN.dayKind(LocalDate.of(2026, 10, 1)));
        assertEquals(DayKind.WEEKEND, PLAIN.dayKind(SAT_2026_11_21));
        assertEquals(Optional.empty(), PLAIN.holidayName(LocalDate.of(2026, 10, 1)));
    }

    @Test
    void shiftCountsBusinessDays() {
        assertEquals(FRI_2026_11_20, PLAIN.shift(FRI_2026_11_20, 0));
        assertEquals(MON_2026_11_23, PLAIN.shift(SAT_2026_11_21, 0));
        assertEquals(MON_2026_11_23, PLAIN.shift(FRI_2026_11_20, 1));
        assertEquals(MON_2026_11_23, PLAIN.shift(SAT_2026_11_21, 1));
        assertEquals(FRI_2026_11_20, PLAIN.shift(SUN_2026_11_22, -1));
        assertEquals(FRI_2026_11_20, PLAIN.shift(MON_2026_11_23, -1));
        assertEquals(LocalDate.of(2026, 11, 27), PLAIN.shift(FRI_2026_11_20, 5));
        assertEquals(LocalDate.of(2026, 11, 13), PLAIN.shift(FRI_2026_11_20, -5));
    }

    @Test
    void daysIncludesBothEnds() {
        List<CalendarDay> days = PLAIN.days(FRI_2026_11_20, MON_2026_11_23);
        assertEquals(List.of(DayKind.WORKDAY, DayKind.WEEKEND, DayKind.WEEKEND, DayKind.WORKDAY),
                days.stream().map(CalendarDay::kind).toList());
        assertEquals(1, PLAIN.days(FRI_2026_11_20, FRI_2026_11_20).size());
        assertEquals(BusinessCalendar.MAX_DAYS, PLAIN.days(FRI_2026_11_20, FRI_2026_11_20.plusDays(BusinessCalendar.MAX_DAYS - 1)).size());
        assertThrows(IllegalArgumentException.class, () -> PLAIN.days(FRI_2026_11_20, FRI_2026_11_20.plusDays(BusinessCalendar.MAX_DAYS)));
    }

    @Test
    void calendarsCanBeBuiltFromCalendarsInHand() {
        Calendars calendars = Calendars.of(PLAIN);
        assertSame(PLAIN, calendars.get("plain"));
        assertEquals(Set.of("plain"), calendars.names());
        assertThrows(IllegalArgumentException.class, () -> Calendars.of(PLAIN, BusinessCalendar.weekendsOnly("plain")));
    }
}
