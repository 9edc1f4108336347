package io.acqsim.calendar;

import static io.acqsim.calendar.NonSettlementDay.Code.HOLIDAY;
import static io.acqsim.calendar.NonSettlementDay.Code.HOLIDAY_FREEZE;
import static io.acqsim.calendar.NonSettlementDay.Code.WEEKEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which days settle, and the one reason a day does not: HOLIDAY, then WEEKEND, then HOLIDAY_FREEZE. */
class SettlementCalendarTest {
    static final BusinessCalendar CN = ChinaCalendarTest.CN;

    static final LocalDate SUN_2026_09_20 = LocalDate.of(2026, 9, 20);
    static final LocalDate MON_2026_09_28 = LocalDate.of(2026, 9, 28);
    static final LocalDate WED_2026_09_30 = LocalDate.of(2026, 9, 30);
    static final LocalDate THU_2026_10_01 = LocalDate.of(2026, 10, 1);
    static final LocalDate SUN_2026_10_04 = LocalDate.of(2026, 10, 4);
    static final LocalDate THU_2026_10_08 = LocalDate.of(2026, 10, 8);
    static final LocalDate FRI_2026_10_09 = LocalDate.of(2026, 10, 9);
    static final LocalDate SAT_2026_10_10 = LocalDate.of(2026, 10, 10);
    static final LocalDate SUN_2026_10_11 = LocalDate.of(2026, 10, 11);
    static final LocalDate MON_2026_10_12 = LocalDate.of(2026, 10, 12);

    /** A clearing freeze around Golden Week: Mon Sep 28 to Sat Oct 10, reaching past the holiday on both sides. */
    static final HolidayFreeze GOLDEN_WEEK = new HolidayFreeze("F1", "Golden Week freeze", MON_2026_09_28, SAT_2026_10_10);

    @Test
    void withoutFreezesTheBusinessDaysSettle() {
        SettlementCalendar s = new SettlementCalendar(CN);
        assertTrue(s.isSettlementDay(SUN_2026_09_20));   // make-up workday
        assertTrue(s.isSettlementDay(SAT_2026_10_10));
        assertEquals(THU_2026_10_08, s.nextSettlementDay(WED_2026_09_30));
        assertEquals(SAT_2026_10_10, s.nextSettlementDay(FRI_2026_10_09));
        assertEquals(Optional.of(new NonSettlementDay(THU_2026_10_01, HOLIDAY, "National Day", null)), s.blocked(THU_2026_10_01));
        assertEquals(Optional.of(new NonSettlementDay(SUN_2026_10_11, WEEKEND, "Sunday", null)), s.blocked(SUN_2026_10_11));
        assertEquals(Optional.empty(), s.blocked(FRI_2026_10_09));
    }

    @Test
    void aFreezeBlocksWorkdaysAndMakeupWorkdays() {
        SettlementCalendar s = new SettlementCalendar(CN).withFreeze(GOLDEN_WEEK);
        assertEquals(Optional.of(new NonSettlementDay(WED_2026_09_30, HOLIDAY_FREEZE, "Golden Week freeze", "F1")), s.blocked(WED_2026_09_30));
        assertEquals(Optional.of(new NonSettlementDay(SAT_2026_10_10, HOLIDAY_FREEZE, "Golden Week freeze", "F1")), s.blocked(SAT_2026_10_10));
        assertEquals(MON_2026_10_12, s.nextSettlementDay(LocalDate.of(2026, 9, 25)));
        assertEquals(Optional.of(GOLDEN_WEEK), s.freezeOn(THU_2026_10_01));
        assertEquals(Optional.empty(), s.freezeOn(SUN_2026_10_11));
    }

    @Test
    void aHolidayOrWeekendInsideAFreezeKeepsItsOwnReason() {
        SettlementCalendar s = new SettlementCalendar(CN).withFreeze(GOLDEN_WEEK);
        assertEquals(Optional.of(new NonSettlementDay(THU_2026_10_01, HOLIDAY, "National Day", null)), s.blocked(THU_2026_10_01));
        assertEquals(Optional.of(new NonSettlementDay(SUN_2026_10_04, HOLIDAY, "National Day", null)), s.blocked(SUN_2026_10_04));
        SettlementCalendar plain = new SettlementCalendar(BusinessCalendar.weekendsOnly("test"))
                .withFreeze(new HolidayFreeze("F2", "year end", LocalDate.of(2026, 12, 24), LocalDate.of(2027, 1, 3)));
        assertEquals(Optional.of(new NonSettlementDay(LocalDate.of(2026, 12, 26), WEEKEND, "Saturday", null)),
                plain.blocked(LocalDate.of(2026, 12, 26)));
        assertEquals(HOLIDAY_FREEZE, plain.blocked(LocalDate.of(2026, 12, 28)).orElseThrow().code());
        assertEquals(LocalDate.of(2027, 1, 4), plain.nextSettlementDay(LocalDate.of(2026, 12, 23)));
    }

    @Test
    void overlappingFreezesReportTheFirstAdded() {
        SettlementCalendar s = new SettlementCalendar(CN).withFreeze(GOLDEN_WEEK)
                .withFreeze(new HolidayFreeze("F3", "bank migration", FRI_2026_10_09, MON_2026_10_12));
        assertEquals("F1", s.blocked(FRI_2026_10_09).orElseThrow().freezeId());
        assertEquals("F3", s.blocked(MON_2026_10_12).orElseThrow().freezeId());
        assertEquals(LocalDate.of(2026, 10, 13), s.nextSettlementDay(WED_2026_09_30));
    }

    @Test
    void withFreezeAndWithoutFreezeLeaveTheOriginalAlone() {
        SettlementCalendar none = new SettlementCalendar(CN);
        SettlementCalendar frozen = none.withFreeze(GOLDEN_WEEK);
        assertEquals(List.of(), none.freezes());
        assertTrue(none.isSettlementDay(WED_2026_09_30));
        assertFalse(frozen.isSettlementDay(WED_2026_09_30));

        SettlementCalendar thawed = frozen.withoutFreeze("F1");
        assertEquals(List.of(GOLDEN_WEEK), frozen.freezes());
        assertFalse(frozen.isSettlementDay(WED_2026_09_30));
        assertTrue(thawed.isSettlementDay(WED_2026_09_30));
        assertSame(CN, thawed.calendar());
        assertSame(frozen, frozen.withoutFreeze("no-such-id"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.freezes().add(GOLDEN_WEEK));
    }

    @Test
    void freezeIdsAreUnique() {
        SettlementCalendar frozen = new SettlementCalendar(CN).withFreeze(GOLDEN_WEEK);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frozen.withFreeze(GOLDEN_WEEK));
        assertEquals("holiday freeze F1 given twice", e.getMessage());
    }

    @Test
    void aFreezeEndsOnOrAfterItsStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HolidayFreeze("F9", "backwards", SAT_2026_10_10, FRI_2026_10_09));
        assertEquals("holiday freeze F9: from 2026-10-10 is after to 2026-10-09", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HolidayFreeze(" ", "no id", FRI_2026_10_09, FRI_2026_10_09));
        assertThrows(NullPointerException.class, () -> new HolidayFreeze("F9", "open", FRI_2026_10_09, null));
        HolidayFreeze oneDay = new HolidayFreeze("F9", "one day", FRI_2026_10_09, FRI_2026_10_09);
        assertTrue(oneDay.contains(FRI_2026_10_09));
        assertFalse(oneDay.contains(SAT_2026_10_10));
    }
}
