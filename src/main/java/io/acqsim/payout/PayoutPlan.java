package io.acqsim.payout;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.acqsim.calendar.NonSettlementDay;
import io.acqsim.calendar.SettlementCalendar;

/**
 * When a payout is promised and when it may first be sent (PRODUCT.md §5), and why those differ.
 * <ul>
 * <li>T1: promised business date + 1 at the payout time; scheduled on the first settlement day after
 *     the business date (weekends, holidays and freezes skipped; make-up working days count).</li>
 * <li>D1: promised and scheduled business date + 1 at the payout time, whatever the calendar says;
 *     only a holiday freeze (a non-settlement window of the clearing system) moves it.</li>
 * <li>D0: promised and scheduled on the business date at the D0 time; only a freeze moves it.</li>
 * </ul>
 * Each day skipped adds one interval, from that day's payout time to the next day's, whose reason is
 * why that day could not settle; adjacent intervals with one cause are merged, so the reasons cover
 * {@code promisedAt .. scheduledAt} exactly.
 */
public final class PayoutPlan {
    /** The plan for one payout. */
    public record Plan(Instant promisedAt, Instant scheduledAt, List<DelayReason> reasons) {
    }

    private final ZoneId zone;
    private final LocalTime payoutTime;
    private final LocalTime d0Time;

    public PayoutPlan(ZoneId zone, LocalTime payoutTime, LocalTime d0Time) {
        this.zone = zone;
        this.payoutTime = payoutTime;
        this.d0Time = d0Time;
    }

    public Plan plan(String product, LocalDate businessDate, SettlementCalendar calendar) {
        return switch (product) {
            case "T1" -> walk(businessDate.plusDays(1), payoutTime, calendar, true);
            case "D1" -> walk(businessDate.plusDays(1), payoutTime, calendar, false);
            case "D0" -> walk(businessDate, d0Time, calendar, false);
            default -> throw new IllegalArgumentException("unknown settlement product '" + product + "' (T1, D1 or D0)");
        };
    }

    /** From the promised day on, skips every day the product may not settle on, recording why. */
    private Plan walk(LocalDate promisedDay, LocalTime time, SettlementCalendar calendar, boolean calendarAware) {
        List<DelayReason> reasons = new ArrayList<>();
        LocalDate day = promisedDay;
        for (int guard = 0; guard < 3660; guard++) {
            Optional<Block> blocked = blocked(day, calendar, calendarAware);
            if (blocked.isEmpty()) {
                return new Plan(at(promisedDay, time), at(day, time), reasons);
            }
            Block b = blocked.get();
            Instant from = at(day, time);
            Instant to = at(day.plusDays(1), time);
            DelayReason last = reasons.isEmpty() ? null : reasons.getLast();
            if (last != null && last.to().equals(from) && last.sameCause(b.code(), b.detail(), b.faultId())) {
                reasons.set(reasons.size() - 1, last.closedAt(to));
            } else {
                reasons.add(new DelayReason(b.code(), from, to, b.detail(), b.faultId()));
            }
            day = day.plusDays(1);
        }
        throw new IllegalStateException("no settlement day within ten years after " + promisedDay + "; check the freezes");
    }

    private record Block(ReasonCode code, String detail, String faultId) {
    }

    private static Optional<Block> blocked(LocalDate day, SettlementCalendar calendar, boolean calendarAware) {
        if (calendarAware) {
            return calendar.blocked(day).map(PayoutPlan::block);
        }
        return calendar.freezeOn(day).map(f -> new Block(ReasonCode.HOLIDAY_FREEZE, f.name(), f.id()));
    }

    private static Block block(NonSettlementDay d) {
        return switch (d.code()) {
            // one weekend reads as one interval, not a Saturday and a Sunday
            case WEEKEND -> new Block(ReasonCode.WEEKEND, "weekend", null);
            case HOLIDAY -> new Block(ReasonCode.HOLIDAY, d.detail(), null);
            case HOLIDAY_FREEZE -> new Block(ReasonCode.HOLIDAY_FREEZE, d.detail(), d.freezeId());
        };
    }

    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }
}
