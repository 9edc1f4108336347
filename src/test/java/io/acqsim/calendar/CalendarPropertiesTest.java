package io.acqsim.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Laws that hold on every date, checked on random dates of 2025-2026 (and a little beyond, where only
 * the weekend rule applies). The seed is the repetition number, so a failure is reproducible.
 */
class CalendarPropertiesTest {
    static final BusinessCalendar CN = ChinaCalendarTest.CN;
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    static final int DAYS = 2 * 365 + 20;

    @RepeatedTest(20)
    void nextIsTheFirstBusinessDayAfter(RepetitionInfo run) {
        Random random = new Random(run.getCurrentRepetition());
        for (int i = 0; i < 200; i++) {
            LocalDate d = FIRST.plusDays(random.nextInt(DAYS));
            LocalDate next = CN.next(d);
            assertTrue(next.isAfter(d), d + " -> " + next);
            assertTrue(CN.isBusinessDay(next), d + " -> " + next);
            for (LocalDate between = d.plusDays(1); between.isBefore(next); between = between.plusDays(1)) {
                assertFalse(CN.isBusinessDay(between), d + " -> " + next + " skipped business day " + between);
            }
            assertEquals(next, CN.shift(d, 1));
        }
    }

    @RepeatedTest(20)
    void shiftingBackUndoesShiftingForwardFromABusinessDay(RepetitionInfo run) {
        Random random = new Random(1000 + run.getCurrentRepetition());
        for (int i = 0; i < 200; i++) {
            LocalDate d = CN.shift(FIRST.plusDays(random.nextInt(DAYS)), 0);
            int n = random.nextInt(61) - 30;
            LocalDate there = CN.shift(d, n);
            assertTrue(CN.isBusinessDay(there), d + " shifted " + n);
            assertEquals(d, CN.shift(there, -n), d + " shifted " + n + " to " + there);
            assertEquals(Integer.signum(n), Integer.signum(there.compareTo(d)), d + " shifted " + n);
        }
    }

    @RepeatedTest(5)
    void withoutFreezesSettlementDaysAreBusinessDays(RepetitionInfo run) {
        Random random = new Random(2000 + run.getCurrentRepetition());
        SettlementCalendar s = new SettlementCalendar(CN);
        for (int i = 0; i < 200; i++) {
            LocalDate d = FIRST.plusDays(random.nextInt(DAYS));
            assertEquals(CN.isBusinessDay(d), s.isSettlementDay(d), d.toString());
            assertEquals(CN.next(d), s.nextSettlementDay(d), d.toString());
        }
    }
}
