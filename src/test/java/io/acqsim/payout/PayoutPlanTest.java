package io.acqsim.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clock.BusinessDates;

/** Promised and scheduled times per product on the shipped cn calendar, with named dates. */
class PayoutPlanTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Path HOME = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath();
    static final SettlementCalendar CN = new SettlementCalendar(Calendars.load(HOME.resolve("cfg/calendars")).get("cn"));
    static final PayoutPlan PLAN = new PayoutPlan(SHANGHAI, LocalTime.of(10, 0), LocalTime.of(23, 30));

    static final LocalDate WED_2026_09_30 = LocalDate.of(2026, 9, 30);
    static final LocalDate THU_2026_10_08 = LocalDate.of(2026, 10, 8);
    static final LocalDate FRI_2026_10_09 = LocalDate.of(2026, 10, 9);
    static final LocalDate SAT_2026_10_10 = LocalDate.of(2026, 10, 10);
    static final LocalDate FRI_2026_11_20 = LocalDate.of(2026, 11, 20);
    static final LocalDate SAT_2026_11_21 = LocalDate.of(2026, 11, 21);
    static final LocalDate MON_2026_11_23 = LocalDate.of(2026, 11, 23);

    static Instant at(LocalDate d, int hour, int minute) {
        return d.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    static Duration covered(List<DelayReason> reasons) {
        return reasons.stream().map(r -> Duration.between(r.from(), r.to())).reduce(Duration.ZERO, Duration::plus);
    }

    @Test
    void t1SaleBeforeNationalDayIsPaidOnTheFirstWorkdayAfterWithASevenDayHolidayDelay() {
        PayoutPlan.Plan p = PLAN.plan("T1", WED_2026_09_30, CN);
        assertEquals(at(LocalDate.of(2026, 10, 1), 10, 0), p.promisedAt());
        assertEquals(at(THU_2026_10_08, 10, 0), p.scheduledAt());
        assertEquals(1, p.reasons().size(), p.reasons().toString());
        DelayReason r = p.reasons().getFirst();
        assertEquals(ReasonCode.HOLIDAY, r.code());
        assertEquals("National Day", r.detail());
        assertEquals(Duration.ofDays(7), Duration.between(r.from(), r.to()));
    }

    @Test
    void t1SaleOnTheFridayAfterNationalDayIsPaidOnTheSaturdayMakeUpWorkdayWithoutDelay() {
        PayoutPlan.Plan p = PLAN.plan("T1", FRI_2026_10_09, CN);
        assertEquals(at(SAT_2026_10_10, 10, 0), p.promisedAt());
        assertEquals(at(SAT_2026_10_10, 10, 0), p.scheduledAt());
        assertEquals(List.of(), p.reasons());
    }

    @Test
    void aSaleAt2330BelongsToTheNextBusinessDate() {
        Instant lateEvening = LocalDateTime.of(2026, 11, 19, 23, 30).atZone(SHANGHAI).toInstant();
        assertEquals(FRI_2026_11_20, BusinessDates.of(lateEvening, SHANGHAI, LocalTime.of(23, 0)));
        assertEquals(at(MON_2026_11_23, 10, 0), PLAN.plan("T1", FRI_2026_11_20, CN).scheduledAt());
    }

    @Test
    void aSaturdayBusinessDateIsPaidOnMondayWithOneWeekendDay() {
        PayoutPlan.Plan p = PLAN.plan("T1", SAT_2026_11_21, CN);
        assertEquals(at(LocalDate.of(2026, 11, 22), 10, 0), p.promisedAt());
        assertEquals(at(MON_2026_11_23, 10, 0), p.scheduledAt());
        assertEquals(1, p.reasons().size());
        assertEquals(ReasonCode.WEEKEND, p.reasons().getFirst().code());
        assertEquals(Duration.ofDays(1), covered(p.reasons()));
    }

    @Test
    void aFridayBusinessDateWaitsTheWholeWeekend() {
        PayoutPlan.Plan p = PLAN.plan("T1", FRI_2026_11_20, CN);
        assertEquals(Duration.ofDays(2), Duration.between(p.promisedAt(), p.scheduledAt()));
        assertEquals(List.of(ReasonCode.WEEKEND), p.reasons().stream().map(DelayReason::code).toList());
        assertEquals(Duration.ofDays(2), covered(p.reasons()));
    }

    @Test
    void d1IgnoresHolidays() {
        PayoutPlan.Plan p = PLAN.plan("D1", WED_2026_09_30, CN);
        assertEquals(at(LocalDate.of(2026, 10, 1), 10, 0), p.promisedAt());
        assertEquals(p.promisedAt(), p.scheduledAt());
        assertEquals(List.of(), p.reasons());
    }

    @Test
    void d0PaysOnTheBusinessDateAt2330EvenOnAHoliday() {
        LocalDate nationalDay = LocalDate.of(2026, 10, 3);
        PayoutPlan.Plan p = PLAN.plan("D0", nationalDay, CN);
        assertEquals(at(nationalDay, 23, 30), p.promisedAt());
        assertEquals(at(nationalDay, 23, 30), p.scheduledAt());
    }

    @Test
    void aFreezeOverPlainWorkdaysDelaysEveryProductAsHolidayFreeze() {
        SettlementCalendar frozen = CN.withFreeze(new HolidayFreeze("F1", "year-end freeze", LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24)));
        PayoutPlan.Plan t1 = PLAN.plan("T1", SAT_2026_11_21, frozen);
        assertEquals(at(LocalDate.of(2026, 11, 25), 10, 0), t1.scheduledAt());
        assertEquals(List.of(ReasonCode.WEEKEND, ReasonCode.HOLIDAY_FREEZE), t1.reasons().stream().map(DelayReason::code).toList());
        assertEquals("F1", t1.reasons().get(1).faultId());
        assertEquals(Duration.between(t1.promisedAt(), t1.scheduledAt()), covered(t1.reasons()));

        PayoutPlan.Plan d1 = PLAN.plan("D1", LocalDate.of(2026, 11, 22), frozen);
        assertEquals(at(LocalDate.of(2026, 11, 25), 10, 0), d1.scheduledAt());
        assertEquals(List.of(ReasonCode.HOLIDAY_FREEZE), d1.reasons().stream().map(DelayReason::code).toList());

        PayoutPlan.Plan d0 = PLAN.plan("D0", LocalDate.of(2026, 11, 24), frozen);
        assertEquals(at(LocalDate.of(2026, 11, 25), 23, 30), d0.scheduledAt());
    }

    @Test
    void reasonsLieEndToEndFromThePromiseToTheSchedule() {
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.isBefore(LocalDate.of(2027, 1, 1)); d = d.plusDays(1)) {
            for (String product : List.of("T1", "D1", "D0")) {
                PayoutPlan.Plan p = PLAN.plan(product, d, CN);
                Instant cursor = p.promisedAt();
                for (DelayReason r : p.reasons()) {
                    assertEquals(cursor, r.from(), product + " " + d);
                    assertTrue(r.to().isAfter(r.from()));
                    cursor = r.to();
                }
                assertEquals(p.scheduledAt(), cursor, product + " " + d);
            }
        }
    }
}
