package io.acqsim.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The business days of one region (e.g. "cn"), all its loaded years merged, so that stepping from
 * 31 December into January crosses from one year's table into the next.
 *
 * <p>A date's kind: a holiday of its year's table is HOLIDAY (even on a weekend day); a make-up
 * working day is MAKEUP_WORKDAY; otherwise a day of the weekend rule is WEEKEND and any other day
 * WORKDAY. In a year with no table ({@link #covers} is false) only the weekend rule applies: every
 * weekday is a WORKDAY, so results there are a guess until that year's file is added.
 *
 * <p>Immutable and thread-safe.
 */
public final class BusinessCalendar {
    /** Longest range {@link #days} lists: ten years. */
    public static final int MAX_DAYS = 3653;

    private final String name;
    private final Set<DayOfWeek> weekend;
    private final SortedSet<Integer> years;
    private final Map<LocalDate, String> holidays;
    private final Map<LocalDate, String> makeupWorkdays;

    private BusinessCalendar(String name, Set<DayOfWeek> weekend, SortedSet<Integer> years,
                             Map<LocalDate, String> holidays, Map<LocalDate, String> makeupWorkdays) {
        this.name = name;
        this.weekend = Collections.unmodifiableSet(EnumSet.copyOf(weekend));
        this.years = Collections.unmodifiableSortedSet(years);
        this.holidays = Map.copyOf(holidays);
        this.makeupWorkdays = Map.copyOf(makeupWorkdays);
    }

    /** Saturday and Sunday off, no holidays, no covered years: a calendar for tests and D1-style products. */
    public static BusinessCalendar weekendsOnly(String name) {
        Objects.requireNonNull(name, "name");
        return new BusinessCalendar(name, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), new TreeSet<>(), Map.of(), Map.of());
    }

    /**
     * Merges the validated tables of one region. They must share the region and the weekend rule and
     * cover distinct years; {@link Calendars} checks this first to name the offending file.
     */
    static BusinessCalendar of(String name, Collection<YearTable> tables) {
        if (tables.isEmpty()) throw new IllegalArgumentException("calendar " + name + " has no year table");
        Set<DayOfWeek> weekend = tables.iterator().next().weekend();
        SortedSet<Integer> years = new TreeSet<>();
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, String> makeups = new HashMap<>();
        for (YearTable t : tables) {
            if (!t.region().equals(name)) throw new IllegalArgumentException(t.file() + " is for " + t.region() + ", not " + name);
            if (!t.weekend().equals(weekend)) throw new IllegalArgumentException(t.file() + ": weekend differs from the region's " + weekend);
            if (!years.add(t.year())) throw new IllegalArgumentException(t.file() + ": " + t.name() + " is defined twice");
            holidays.putAll(t.holidays());
            makeups.putAll(t.makeupWorkdays());
        }
        return new BusinessCalendar(name, weekend, years, holidays, makeups);
    }

    /** The region, e.g. "cn". */
    public String name() { return name; }

    /** The days off every week outside holidays and make-up working days. */
    public Set<DayOfWeek> weekend() { return weekend; }

    /** The years that have a holiday table, ascending. */
    public SortedSet<Integer> years() { return years; }

    /** True when the date's year has a table; false means only the weekend rule is known. */
    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    public DayKind dayKind(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (holidays.containsKey(date)) return DayKind.HOLIDAY;
        if (makeupWorkdays.containsKey(date)) return DayKind.MAKEUP_WORKDAY;
        return weekend.contains(date.getDayOfWeek()) ? DayKind.WEEKEND : DayKind.WORKDAY;
    }

    /** WORKDAY or MAKEUP_WORKDAY. */
    public boolean isBusinessDay(LocalDate date) {
        return dayKind(date).isBusinessDay();
    }

    /** The name of the holiday on this date ("National Day"), empty on any other day. */
    public Optional<String> holidayName(LocalDate date) {
        return Optional.ofNullable(holidays.get(Objects.requireNonNull(date, "date")));
    }

    /** The first business day strictly after {@code date}. */
    public LocalDate next(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isBusinessDay(d)) d = d.plusDays(1);
        return d;
    }

    /** The last business day strictly before {@code date}. */
    public LocalDate previous(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isBusinessDay(d)) d = d.minusDays(1);
        return d;
    }

    /**
     * {@code n} business days from {@code date}: for n &gt; 0 the n-th business day strictly after it,
     * for n &lt; 0 the |n|-th strictly before it, for n = 0 the date itself if it is a business day,
     * else {@link #next}. For a business day d, {@code shift(shift(d, n), -n)} is d.
     */
    public LocalDate shift(LocalDate date, int n) {
        Objects.requireNonNull(date, "date");
        if (n == 0) return isBusinessDay(date) ? date : next(date);
        LocalDate d = date;
        for (int i = 0; i < Math.abs(n); i++) d = n > 0 ? next(d) : previous(d);
        return d;
    }

    /** Every day from {@code from} to {@code to}, both included; at most {@link #MAX_DAYS} days. */
    public List<CalendarDay> days(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) throw new IllegalArgumentException("from " + from + " is after to " + to);
        long count = ChronoUnit.DAYS.between(from, to) + 1;
        if (count > MAX_DAYS) throw new IllegalArgumentException("at most " + MAX_DAYS + " days at once, asked for " + count);
        List<CalendarDay> out = new ArrayList<>((int) count);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            DayKind kind = dayKind(d);
            String holiday = switch (kind) {
                case HOLIDAY -> holidays.get(d);
                case MAKEUP_WORKDAY -> makeupWorkdays.get(d);
                default -> null;
            };
            out.add(new CalendarDay(d, kind, holiday));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + name + ", weekend " + weekend + ", years " + years + "]";
    }
}
