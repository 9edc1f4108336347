package io.acqsim.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * One validated calendar file: a region's weekend rule and its holidays and make-up working days
 * of one year, each date mapped to the holiday's name.
 */
record YearTable(Path file, String region, int year, Set<DayOfWeek> weekend,
                 Map<LocalDate, String> holidays, Map<LocalDate, String> makeupWorkdays) {
    YearTable {
        weekend = Set.copyOf(weekend);
        holidays = Map.copyOf(holidays);
        makeupWorkdays = Map.copyOf(makeupWorkdays);
    }

    /** "cn-2026", the name {@link Calendars#get} also accepts. */
    String name() {
        return region + "-" + year;
    }
}
