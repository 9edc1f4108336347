package io.acqsim.calendar;

import static io.acqsim.calendar.DayKind.HOLIDAY;
import static io.acqsim.calendar.DayKind.MAKEUP_WORKDAY;
import static io.acqsim.calendar.DayKind.WEEKEND;
import static io.acqsim.calendar.DayKind.WORKDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped cfg/calendars tables for cn, checked against the State Council notices. */
class ChinaCalendarTest {
    static final Path CALENDARS = Path.of(System.getProperty("acqsim.home", ".")).resolve("cfg/calendars");
    static final Calendars ALL = Calendars.load(CALENDARS);
    static final BusinessCalendar CN = ALL.get("cn");

    static final LocalDate WED_2025_12_31 = LocalDate.of(2025, 12, 31);
    static final LocalDate SUN_2026_01_04 = LocalDate.of(2026, 1, 4);
    static final LocalDate FRI_2026_02_13 = LocalDate.of(2026, 2, 13);
    static final LocalDate SAT_2026_02_14 = LocalDate.of(2026, 2, 14);
    static final LocalDate TUE_2026_02_24 = LocalDate.of(2026, 2, 24);
    static final LocalDate SUN_2026_09_20 = LocalDate.of(2026, 9, 20);
    static final LocalDate WED_2026_09_30 = LocalDate.of(2026, 9, 30);
    static final LocalDate THU_2026_10_08 = LocalDate.of(2026, 10, 8);
    static final LocalDate FRI_2026_10_09 = LocalDate.of(2026, 10, 9);
    static final LocalDate SAT_2026_10_10 = LocalDate.of(2026, 10, 10);
    static final LocalDate SAT_2026_11_21 = LocalDate.of(2026, 11, 21);
    static final LocalDate MON_2026_11_23 = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // 2026, State Council notice of 2025-11-04
            "2026-01-01, HOLIDAY,        New Year",
            "2026-01-03, HOLIDAY,        New Year",          // a Saturday inside the holiday
            "2026-01-04, MAKEUP_WORKDAY, New Year",          // Sunday worked
            "2026-01-05, WORKDAY,",
            "2026-02-14, MAKEUP_WORKDAY, Spring Festival",   // Saturday worked
            "2026-02-15, HOLIDAY,        Spring Festival",
            "2026-02-23, HOLIDAY,        Spring Festival",
            "2026-02-28, MAKEUP_WORKDAY, Spring Festival",
            "2026-03-01, WEEKEND,",
            "2026-04-04, HOLIDAY,        Qingming",
            "2026-04-06, HOLIDAY,        Qingming",
            "2026-05-01, HOLIDAY,        Labour Day",
            "2026-05-05, HOLIDAY,        Labour Day",
            "2026-05-09, MAKEUP_WORKDAY, Labour Day",
            "2026-06-19, HOLIDAY,        Dragon Boat",
            "2026-06-21, HOLIDAY,        Dragon Boat",
            "2026-09-20, MAKEUP_WORKDAY, National Day",
            "2026-09-25, HOLIDAY,        Mid-Autumn",
            "2026-09-27, HOLIDAY,        Mid-Autumn",
            "2026-10-01, HOLIDAY,        National Day",
            "2026-10-04, HOLIDAY,        National Day",      // a Sunday inside the holiday
            "2026-10-07, HOLIDAY,        National Day",
            "2026-10-08, WORKDAY,",
            "2026-10-10, MAKEUP_WORKDAY, National Day",
            "2026-10-11, WEEKEND,",
            // 2025, State Council notice of 2024-11-12
            "2025-01-01, HOLIDAY,        New Year",
            "2025-01-26, MAKEUP_WORKDAY, Spring Festival",
            "2025-01-28, HOLIDAY,        Spring Festival",
            "2025-02-04, HOLIDAY,        Spring Festival",
            "2025-02-08, MAKEUP_WORKDAY, Spring Festival",
            "2025-04-27, MAKEUP_WORKDAY, Labour Day",
            "2025-05-31, HOLIDAY,        Dragon Boat",
            "2025-06-02, HOLIDAY,        Dragon Boat",
            "2025-09-28, MAKEUP_WORKDAY, National Day and Mid-Autumn",
            "2025-10-06, HOLIDAY,        National Day and Mid-Autumn",
            "2025-10-08, HOLIDAY,        National Day and Mid-Autumn",
            "2025-10-09, WORKDAY,",
            "2025-10-11, MAKEUP_WORKDAY, National Day and Mid-Autumn",
    })
    void dayKindsFollowTheNotices(LocalDate date, DayKind kind, String holiday) {
        assertEquals(kind, CN.dayKind(date));
        assertEquals(kind == WORKDAY || kind == MAKEUP_WORKDAY, CN.isBusinessDay(date));
        assertEquals(kind == HOLIDAY ? Optional.of(holiday) : Optional.empty(), CN.holidayName(date));
        assertEquals(new CalendarDay(date, kind, holiday), CN.days(date, date).getFirst());
    }

    @Test
    void nationalDayWeek2026() {
        for (LocalDate d = LocalDate.of(2026, 10, 1); d.isBefore(THU_2026_10_08); d = d.plusDays(1)) {
            assertEquals(HOLIDAY, CN.dayKind(d), d.toString());
        }
        assertTrue(CN.isBusinessDay(THU_2026_10_08));
        assertTrue(CN.isBusinessDay(SAT_2026_10_10));
        assertTrue(CN.isBusinessDay(SUN_2026_09_20));
        assertEquals(THU_2026_10_08, CN.next(WED_2026_09_30));
        assertEquals(SAT_2026_10_10, CN.next(FRI_2026_10_09));
        assertEquals(WED_2026_09_30, CN.previous(THU_2026_10_08));
    }

    @Test
    void aPlainSaturdayRollsToMonday() {
        assertEquals(WEEKEND, CN.dayKind(SAT_2026_11_21));
        assertEquals(MON_2026_11_23, CN.next(SAT_2026_11_21));
        assertEquals(MON_2026_11_23, CN.shift(SAT_2026_11_21, 0));
    }

    @Test
    void shiftAcrossTheSpringFestival() {
        assertTrue(CN.isBusinessDay(SAT_2026_02_14));
        assertEquals(SAT_2026_02_14, CN.shift(FRI_2026_02_13, 1));
        assertEquals(TUE_2026_02_24, CN.shift(FRI_2026_02_13, 2));   // Feb 15-23 off
        assertEquals(TUE_2026_02_24, CN.shift(SAT_2026_02_14, 1));
        assertEquals(FRI_2026_02_13, CN.shift(TUE_2026_02_24, -2));
        assertEquals(LocalDate.of(2026, 2, 28), CN.shift(TUE_2026_02_24, 4));  // Wed, Thu, Fri, then Saturday worked
        assertEquals(SAT_2026_02_14, CN.shift(SAT_2026_02_14, 0));
        assertEquals(TUE_2026_02_24, CN.shift(LocalDate.of(2026, 2, 18), 0));
        assertEquals(SAT_2026_02_14, CN.shift(LocalDate.of(2026, 2, 18), -1));
    }

    @Test
    void newYearCrossesFromOneYearsTableIntoTheNext() {
        assertTrue(CN.covers(WED_2025_12_31) && CN.covers(SUN_2026_01_04));
        assertEquals(SUN_2026_01_04, CN.next(WED_2025_12_31));
        assertEquals(WED_2025_12_31, CN.previous(SUN_2026_01_04));
        assertSame(CN, ALL.get("cn-2025"));
        assertEquals(SUN_2026_01_04, ALL.get("cn-2025").next(WED_2025_12_31));
    }

    @Test
    void outsideTheTablesOnlyTheWeekendRuleApplies() {
        LocalDate fri2027NewYear = LocalDate.of(2027, 1, 1);   // a holiday in reality, but 2027 has no table yet
        assertFalse(CN.covers(fri2027NewYear));
        assertEquals(WORKDAY, CN.dayKind(fri2027NewYear));
        assertEquals(WEEKEND, CN.dayKind(LocalDate.of(2027, 1, 2)));
        assertEquals(LocalDate.of(2027, 1, 4), CN.next(fri2027NewYear));
        assertEquals(LocalDate.of(2027, 1, 1), CN.next(LocalDate.of(2026, 12, 31)));
        assertFalse(CN.covers(LocalDate.of(2024, 12, 31)));
        assertEquals(WEEKEND, CN.dayKind(LocalDate.of(2024, 12, 29)));
    }

    @Test
    void theTablesHoldExactlyTheOfficialDaysOff() {
        assertEquals(List.of(2025, 2026), List.copyOf(CN.years()));
        long holidays2026 = CN.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).stream().filter(d -> d.kind() == HOLIDAY).count();
        long makeups2026 = CN.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).stream().filter(d -> d.kind() == MAKEUP_WORKDAY).count();
        assertEquals(3 + 9 + 3 + 5 + 3 + 3 + 7, holidays2026);
        assertEquals(6, makeups2026);
        long holidays2025 = CN.days(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)).stream().filter(d -> d.kind() == HOLIDAY).count();
        long makeups2025 = CN.days(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)).stream().filter(d -> d.kind() == MAKEUP_WORKDAY).count();
        assertEquals(1 + 8 + 3 + 5 + 3 + 8, holidays2025);
        assertEquals(5, makeups2025);
    }

    @Test
    void daysListsARangeForTheApi() {
        List<CalendarDay> days = CN.days(LocalDate.of(2026, 10, 6), SAT_2026_10_10);
        assertEquals(List.of(
                new CalendarDay(LocalDate.of(2026, 10, 6), HOLIDAY, "National Day"),
                new CalendarDay(LocalDate.of(2026, 10, 7), HOLIDAY, "National Day"),
                new CalendarDay(THU_2026_10_08, WORKDAY, null),
                new CalendarDay(FRI_2026_10_09, WORKDAY, null),
                new CalendarDay(SAT_2026_10_10, MAKEUP_WORKDAY, "National Day")), days);
        assertThrows(IllegalArgumentException.class, () -> CN.days(SAT_2026_10_10, FRI_2026_10_09));
        assertThrows(IllegalArgumentException.class, () -> CN.days(LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1)));
    }

    @Test
    void calendarsAreFoundByRegionOrRegionYear() {
        assertEquals("cn", CN.name());
        assertEquals(List.of("cn", "cn-2025", "cn-2026"), List.copyOf(ALL.names()));
        assertSame(CN, ALL.get("cn-2026"));
        assertSame(CN, ALL.get(" CN "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ALL.get("hk"));
        assertEquals("unknown calendar 'hk' (known: cn, cn-2025, cn-2026)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ALL.get("cn-2027"));
        assertThrows(IllegalArgumentException.class, () -> ALL.get(null));
    }
}
