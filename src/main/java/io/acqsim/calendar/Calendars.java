package io.acqsim.calendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.acqsim.yaml.FileError;

/**
 * The business calendars of every region, from the {@code <region>-<year>.yml} files under a
 * directory ({@code cfg/calendars}, subdirectories included). The files of one region merge into one
 * {@link BusinessCalendar}; they must share its weekend rule, and a region-year may be defined once.
 * Immutable.
 */
public final class Calendars {
    private final SortedMap<String, BusinessCalendar> byRegion;

    private Calendars(SortedMap<String, BusinessCalendar> byRegion) {
        this.byRegion = Collections.unmodifiableSortedMap(byRegion);
    }

    /** Calendars built elsewhere, e.g. {@link BusinessCalendar#weekendsOnly} in a test. */
    public static Calendars of(BusinessCalendar... calendars) {
        SortedMap<String, BusinessCalendar> map = new TreeMap<>();
        for (BusinessCalendar c : calendars) {
            if (map.put(c.name(), c) != null) throw new IllegalArgumentException("calendar " + c.name() + " given twice");
        }
        return new Calendars(map);
    }

    /**
     * Reads and validates every {@code *.yml} file under {@code dir}; any problem is a
     * {@link FileError} naming the file and the key. A {@code .yaml} file is refused rather than
     * silently skipped.
     */
    public static Calendars load(Path dir) {
        if (!Files.isDirectory(dir)) throw new FileError(dir, "", "calendar directory not found");
        Map<String, List<YearTable>> tables = new LinkedHashMap<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files(dir)) {
            YearTable t = CalendarFile.read(file);
            Path other = seen.putIfAbsent(t.name(), file);
            if (other != null) throw new FileError(file, "year", t.name() + " is already defined by " + other);
            List<YearTable> region = tables.computeIfAbsent(t.region(), r -> new ArrayList<>());
            if (!region.isEmpty() && !region.getFirst().weekend().equals(t.weekend())) {
                YearTable first = region.getFirst();
                throw new FileError(file, "weekend", new TreeSet<>(t.weekend()) + " differs from " + new TreeSet<>(first.weekend())
                        + " in " + first.file() + "; every year of a region has the same weekend");
            }
            region.add(t);
        }
        SortedMap<String, BusinessCalendar> byRegion = new TreeMap<>();
        tables.forEach((region, list) -> byRegion.put(region, BusinessCalendar.of(region, list)));
        return new Calendars(byRegion);
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            List<Path> out = new ArrayList<>();
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".yml")) out.add(f);
                else if (name.endsWith(".yaml")) throw new FileError(f, "", "calendar files end in .yml, e.g. cn-2026.yml");
            }
            return out;
        } catch (IOException e) {
            throw new FileError(dir, "", "cannot read the calendar directory: " + e.getMessage(), e);
        }
    }

    /**
     * The calendar of a region ("cn"); a region-year ("cn-2026") names the same whole-region calendar,
     * so stepping past 31 December still sees the next year. Anything else is an
     * IllegalArgumentException listing the known names.
     */
    public BusinessCalendar get(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        BusinessCalendar c = byRegion.get(key);
        if (c != null) return c;
        int dash = key.lastIndexOf('-');
        if (dash > 0 && key.substring(dash + 1).matches("\\d{4}")) {
            c = byRegion.get(key.substring(0, dash));
            if (c != null && c.years().contains(Integer.parseInt(key.substring(dash + 1)))) return c;
        }
        throw new IllegalArgumentException("unknown calendar '" + name + "' (known: "
                + (names().isEmpty() ? "none" : String.join(", ", names())) + ")");
    }

    /** Every name {@link #get} accepts: each region and each of its region-years, sorted. */
    public SortedSet<String> names() {
        SortedSet<String> out = new TreeSet<>();
        byRegion.forEach((region, c) -> {
            out.add(region);
            c.years().forEach(y -> out.add(region + "-" + y));
        });
        return Collections.unmodifiableSortedSet(out);
    }

    /** The regions, sorted. */
    public SortedSet<String> regions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byRegion.keySet()));
    }
}
