package io.acqsim.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.acqsim.config.ConfigFile;
import io.acqsim.yaml.FileError;

/**
 * Reads and validates one calendar file, {@code <region>-<year>.yml} (format in docs/CALENDARS.md).
 * Every problem is a {@link FileError} naming the file and the key, e.g.
 * {@code cn-2026.yml: holidays[2].to: 2026-04-03 is before from 2026-04-04}.
 */
final class CalendarFile {
    static final Pattern FILE_NAME = Pattern.compile("([a-z][a-z0-9-]*)-(\\d{4})\\.yml");
    private static final Set<String> KEYS = Set.of("region", "year", "weekend", "holidays.*", "makeup-workdays.*");
    private static final Set<String> HOLIDAY_KEYS = Set.of("name", "from", "to");
    private static final Set<String> MAKEUP_KEYS = Set.of("date", "for");

    private record Holiday(String name, LocalDate from, LocalDate to) {
        boolean overlaps(Holiday o) {
            return !to.isBefore(o.from) && !o.to.isBefore(from);
        }
    }

    private CalendarFile() {
    }

    static YearTable read(Path file) {
        String fileName = file.getFileName().toString();
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new FileError(file, "", "a calendar file is named <region>-<year>.yml in lower case, e.g. cn-2026.yml");
        }
        ConfigFile c = ConfigFile.load(file);
        c.rejectUnknownKeys(KEYS);
        String region = c.requiredString("region");
        if (!region.equals(m.group(1))) {
            throw c.error("region", "'" + region + "' does not match the file name " + fileName + " (region " + m.group(1) + ")");
        }
        if (!c.has("year")) throw c.error("year", "is required");
        int year = c.integer("year", 0, 1900, 9999);
        if (year != Integer.parseInt(m.group(2))) {
            throw c.error("year", year + " does not match the file name " + fileName + " (year " + m.group(2) + ")");
        }
        Set<DayOfWeek> weekend = weekend(c);
        Map<String, Holiday> holidays = holidays(c, year);
        Map<LocalDate, String> holidayDays = new LinkedHashMap<>();
        for (Holiday h : holidays.values()) {
            for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) holidayDays.put(d, h.name());
        }
        Map<LocalDate, String> makeups = makeupWorkdays(c, year, weekend, holidays, holidayDays);
        return new YearTable(file, region, year, weekend, holidayDays, makeups);
    }

    private static Set<DayOfWeek> weekend(ConfigFile c) {
        List<String> names = c.strings("weekend");
        if (names.isEmpty()) throw c.error("weekend", "is required: the days off every week, e.g. [SATURDAY, SUNDAY]");
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            String key = "weekend[" + i + "]";
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(names.get(i).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw c.error(key, "'" + names.get(i) + "' is not a day of the week (MONDAY .. SUNDAY)");
            }
            if (!days.add(day)) throw c.error(key, day + " is listed twice");
        }
        if (days.size() == 7) throw c.error("weekend", "every day of the week is off; a week needs a working day");
        return days;
    }

    /** The holidays by name, in file order; each inside the year, from <= to, none overlapping another. */
    private static Map<String, Holiday> holidays(ConfigFile c, int year) {
        Map<String, Holiday> out = new LinkedHashMap<>();
        for (ConfigFile h : c.children("holidays")) {
            h.rejectUnknownKeys(HOLIDAY_KEYS);
            String name = h.requiredString("name");
            LocalDate from = inYear(h, "from", year);
            LocalDate to = inYear(h, "to", year);
            if (to.isBefore(from)) throw h.error("to", to + " is before from " + from);
            Holiday holiday = new Holiday(name, from, to);
            for (Holiday other : out.values()) {
                if (holiday.overlaps(other)) {
                    throw h.error("from", name + " (" + from + " to " + to + ") overlaps " + other.name()
                            + " (" + other.from() + " to " + other.to() + ")");
                }
            }
            if (out.putIfAbsent(name, holiday) != null) throw h.error("name", "holiday '" + name + "' is listed twice");
        }
        return out;
    }

    /** Make-up working days: each a weekend day of the year, no holiday, worked for a holiday of this file. */
    private static Map<LocalDate, String> makeupWorkdays(ConfigFile c, int year, Set<DayOfWeek> weekend,
                                                         Map<String, Holiday> holidays, Map<LocalDate, String> holidayDays) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        for (ConfigFile w : c.children("makeup-workdays")) {
            w.rejectUnknownKeys(MAKEUP_KEYS);
            LocalDate date = inYear(w, "date", year);
            String dayName = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (!weekend.contains(date.getDayOfWeek())) {
                throw w.error("date", date + " is a " + dayName + ", already a working day; a make-up workday is a weekend day worked");
            }
            if (holidayDays.containsKey(date)) throw w.error("date", date + " is a day of " + holidayDays.get(date));
            String forHoliday = w.requiredString("for");
            if (!holidays.containsKey(forHoliday)) {
                throw w.error("for", "'" + forHoliday + "' is not a holiday of this file (holidays: " + String.join(", ", holidays.keySet()) + ")");
            }
            if (out.putIfAbsent(date, forHoliday) != null) throw w.error("date", date + " is listed twice");
        }
        return out;
    }

    private static LocalDate inYear(ConfigFile c, String key, int year) {
        LocalDate d = IsoDates.required(c, key);
        if (d.getYear() != year) throw c.error(key, d + " is not in " + year + "; each file holds the dates of its own year");
        return d;
    }
}
