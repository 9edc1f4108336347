package io.acqsim.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A named window in which nothing settles although the calendar has business days, e.g. a clearing
 * system's freeze around a long holiday (PRODUCT.md §5).
 *
 * @param id   unique among a {@link SettlementCalendar}'s freezes; reported as a delay's faultId
 * @param name what a delay reason shows as its detail, e.g. "Golden Week freeze"
 * @param from first frozen day
 * @param to   last frozen day, inclusive; not before {@code from}
 */
public record HolidayFreeze(String id, String name, LocalDate from, LocalDate to) {
    public HolidayFreeze {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (id.isBlank()) throw new IllegalArgumentException("a holiday freeze needs an id");
        if (name.isBlank()) throw new IllegalArgumentException("holiday freeze " + id + " needs a name");
        if (to.isBefore(from)) throw new IllegalArgumentException("holiday freeze " + id + ": from " + from + " is after to " + to);
    }

    /** True when {@code date} is one of the frozen days. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
