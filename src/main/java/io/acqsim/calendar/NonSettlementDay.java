package io.acqsim.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Why nothing settles on a date (see {@link SettlementCalendar#blocked} for the precedence).
 *
 * @param date     the date
 * @param code     the reason
 * @param detail   the holiday's name ("National Day"), the day of the week ("Sunday") or the freeze's name
 * @param freezeId the freeze's id for HOLIDAY_FREEZE, else null
 */
public record NonSettlementDay(LocalDate date, Code code, String detail, String freezeId) {
    /** The calendar reasons of a payout delay; the same names as its reason codes. */
    public enum Code { WEEKEND, HOLIDAY, HOLIDAY_FREEZE }

    public NonSettlementDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if ((code == Code.HOLIDAY_FREEZE) != (freezeId != null)) {
            throw new IllegalArgumentException("a freezeId is given exactly for HOLIDAY_FREEZE, not for " + code);
        }
    }
}
