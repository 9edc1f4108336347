/**
 * Business and settlement calendars (PRODUCT.md §5, docs/CALENDARS.md).
 *
 * <p>A {@link io.acqsim.calendar.BusinessCalendar} is a weekend rule plus, per covered year, a table
 * of holidays and make-up working days (调休) read from {@code cfg/calendars/<region>-<year>.yml} by
 * {@link io.acqsim.calendar.Calendars}. A {@link io.acqsim.calendar.SettlementCalendar} adds named
 * {@link io.acqsim.calendar.HolidayFreeze holiday freezes} and says why a day cannot settle. Every
 * type here is immutable and needs neither Q2 nor a clock.
 */
package io.acqsim.calendar;
