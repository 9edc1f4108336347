package io.acqsim.calendar;

/** What a calendar says about one date. WORKDAY and MAKEUP_WORKDAY are business days. */
public enum DayKind {
    /** A weekday that is no holiday. */
    WORKDAY,
    /** A day of the weekend rule that is neither a holiday nor a make-up working day. */
    WEEKEND,
    /** A public holiday of the year's table, whatever day of the week it falls on. */
    HOLIDAY,
    /** A weekend day worked in exchange for a holiday (调休上班). */
    MAKEUP_WORKDAY;

    public boolean isBusinessDay() {
        return this == WORKDAY || this == MAKEUP_WORKDAY;
    }
}
