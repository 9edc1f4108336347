package io.acqsim.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates are read as the text written, never through a {@code java.util.Date}; the tables must read the
 * same on a machine in New York, Shanghai, on either side of the date line or in a zone with daylight
 * saving near midnight UTC. Surefire gives this class its own JVM, so
 * changing the default zone touches no other test.
 */
@Isolated
class DefaultTimeZoneTest {
    private final TimeZone original = TimeZone.getDefault();

    @AfterEach
    void restore() {
        TimeZone.setDefault(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago",
            "Atlantic/Azores", "America/Scoresbysund", "Asia/Kolkata", "GMT-12:00"})
    void tablesReadTheSameInEveryDefaultZone(String zone) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        BusinessCalendar cn = Calendars.load(ChinaCalendarTest.CALENDARS).get("cn");
        assertEquals(DayKind.HOLIDAY, cn.dayKind(LocalDate.of(2026, 10, 1)));
        assertEquals(DayKind.WORKDAY, cn.dayKind(LocalDate.of(2026, 9, 30)));
        assertEquals(DayKind.HOLIDAY, cn.dayKind(LocalDate.of(2026, 1, 1)));
        assertEquals(DayKind.MAKEUP_WORKDAY, cn.dayKind(LocalDate.of(2026, 1, 4)));
        assertEquals(DayKind.HOLIDAY, cn.dayKind(LocalDate.of(2025, 10, 8)));
        assertEquals(DayKind.WORKDAY, cn.dayKind(LocalDate.of(2025, 10, 9)));
        assertEquals(LocalDate.of(2026, 1, 4), cn.next(LocalDate.of(2025, 12, 31)));
    }
}
