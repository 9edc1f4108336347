package io.acqsim.calendar;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The days on which payouts may settle: the business days of a {@link BusinessCalendar} outside
 * every {@link HolidayFreeze}. A make-up working day is a settlement day unless a freeze covers it.
 * Immutable: {@link #withFreeze} and {@link #withoutFreeze} return new instances.
 */
public final class SettlementCalendar {
    private final BusinessCalendar calendar;
    private final List<HolidayFreeze> freezes;

    public SettlementCalendar(BusinessCalendar calendar) {
        this(calendar, List.of());
    }

    /** Freezes in the order given; their ids must be distinct. */
    public SettlementCalendar(BusinessCalendar calendar, List<HolidayFreeze> freezes) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.freezes = List.copyOf(freezes);
        Set<String> ids = new HashSet<>();
        for (HolidayFreeze f : this.freezes) {
            if (!ids.add(f.id())) throw new IllegalArgumentException("holiday freeze " + f.id() + " given twice");
        }
    }

    public BusinessCalendar calendar() { return calendar; }

    public List<HolidayFreeze> freezes() { return freezes; }

    /** This calendar with {@code freeze} added; an IllegalArgumentException if its id is taken. */
    public SettlementCalendar withFreeze(HolidayFreeze freeze) {
        List<HolidayFreeze> more = new ArrayList<>(freezes);
        more.add(Objects.requireNonNull(freeze, "freeze"));
        return new SettlementCalendar(calendar, more);
    }

    /** This calendar without the freeze {@code id}; unchanged (this instance) when there is none. */
    public SettlementCalendar withoutFreeze(String id) {
        List<HolidayFreeze> fewer = freezes.stream().filter(f -> !f.id().equals(id)).toList();
        return fewer.size() == freezes.size() ? this : new SettlementCalendar(calendar, fewer);
    }

    /** The first freeze (in the order added) covering {@code date}, whatever the calendar says. */
    public Optional<HolidayFreeze> freezeOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return freezes.stream().filter(f -> f.contains(date)).findFirst();
    }

    public boolean isSettlementDay(LocalDate date) {
        return blocked(date).isEmpty();
    }

    /** The first settlement day strictly after {@code after}. */
    public LocalDate nextSettlementDay(LocalDate after) {
        LocalDate d = after.plusDays(1);
        while (!isSettlementDay(d)) d = d.plusDays(1);
        return d;
    }

    /**
     * Why nothing settles on {@code date}, or empty on a settlement day. One reason per day, by
     * precedence: a holiday is HOLIDAY (even on a weekend day, or inside a freeze), detail its name;
     * else a weekend day that is no make-up working day is WEEKEND, detail the day ("Sunday"); else a
     * day inside a freeze is HOLIDAY_FREEZE, detail the freeze's name and freezeId its id.
     */
    public Optional<NonSettlementDay> blocked(LocalDate date) {
        return switch (calendar.dayKind(date)) {
            case HOLIDAY -> Optional.of(new NonSettlementDay(date, NonSettlementDay.Code.HOLIDAY,
                    calendar.holidayName(date).orElseThrow(), null));
            case WEEKEND -> Optional.of(new NonSettlementDay(date, NonSettlementDay.Code.WEEKEND,
                    date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), null));
            case WORKDAY, MAKEUP_WORKDAY -> freezeOn(date).map(f ->
                    new NonSettlementDay(date, NonSettlementDay.Code.HOLIDAY_FREEZE, f.name(), f.id()));
        };
    }

    @Override
    public String toString() {
        return "SettlementCalendar[" + calendar.name() + ", freezes " + freezes.stream().map(HolidayFreeze::id).toList() + "]";
    }
}
