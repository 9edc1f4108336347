package io.acqsim.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.yaml.FileError;

/** A broken calendar file stops the load with a FileError naming the file and the key to fix. */
class CalendarFileTest {
    static final String GOOD = """
            region: xx
            year: 2026
            weekend: [SATURDAY, SUNDAY]
            holidays:
              - { name: New Year, from: 2026-01-01, to: 2026-01-03 }
              - { name: Spring Festival, from: 2026-02-15, to: 2026-02-23 }
            makeup-workdays:
              - { date: 2026-01-04, for: New Year }
            """;

    @TempDir
    Path dir;

    /** One broken file: its name and text, and the key and words its error must carry. */
    record Case(String name, String fileName, String text, String key, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("malformed YAML", "xx-2026.yml", GOOD.replace("to: 2026-01-03 }", "to: 2026-01-03"), "", "not valid YAML"),
                new Case("unknown top-level key", "xx-2026.yml", GOOD + "holyday: x\n", "holyday", "unknown key"),
                new Case("unknown key in a holiday", "xx-2026.yml", GOOD.replace("to: 2026-01-03 }", "to: 2026-01-03, days: 3 }"),
                        "holidays[0].days", "unknown key"),
                new Case("missing year", "xx-2026.yml", GOOD.replace("year: 2026\n", ""), "year", "is required"),
                new Case("missing holiday name", "xx-2026.yml", GOOD.replace("name: Spring Festival, ", ""), "holidays[1].name", "is required"),
                new Case("date not ISO", "xx-2026.yml", GOOD.replace("from: 2026-02-15", "from: 15/02/2026"),
                        "holidays[1].from", "'15/02/2026' is not a date of the form YYYY-MM-DD"),
                new Case("quoted impossible date", "xx-2026.yml", GOOD.replace("to: 2026-02-23", "to: \"2026-02-30\""),
                        "holidays[1].to", "'2026-02-30' is not a date"),
                new Case("date outside the year", "xx-2026.yml", GOOD.replace("from: 2026-01-01", "from: 2025-12-31"),
                        "holidays[0].from", "2025-12-31 is not in 2026"),
                new Case("month 13 is not a date", "xx-2026.yml", GOOD.replace("to: 2026-02-23", "to: 2026-13-01"),
                        "holidays[1].to", "'2026-13-01' is not a date of the form YYYY-MM-DD"),
                new Case("unquoted impossible date", "xx-2026.yml", GOOD.replace("to: 2026-02-23", "to: 2026-02-30"),
                        "holidays[1].to", "'2026-02-30' is not a date"),
                new Case("from after to", "xx-2026.yml", GOOD.replace("to: 2026-02-23", "to: 2026-02-10"),
                        "holidays[1].to", "2026-02-10 is before from 2026-02-15"),
                new Case("overlapping holidays", "xx-2026.yml", GOOD.replace("from: 2026-02-15", "from: 2026-01-03"),
                        "holidays[1].from", "overlaps New Year (2026-01-01 to 2026-01-03)"),
                new Case("holiday listed twice", "xx-2026.yml", GOOD.replace("Spring Festival", "New Year").replace("for: New Year", "for: New Year"),
                        "holidays[1].name", "listed twice"),
                new Case("make-up workday on a weekday", "xx-2026.yml", GOOD.replace("date: 2026-01-04", "date: 2026-01-06"),
                        "makeup-workdays[0].date", "2026-01-06 is a Tuesday"),
                new Case("make-up workday on a holiday", "xx-2026.yml", GOOD.replace("date: 2026-01-04", "date: 2026-01-03"),
                        "makeup-workdays[0].date", "2026-01-03 is a day of New Year"),
                new Case("for names an unknown holiday", "xx-2026.yml", GOOD.replace("for: New Year", "for: Golden Week"),
                        "makeup-workdays[0].for", "'Golden Week' is not a holiday of this file"),
                new Case("make-up workday missing for", "xx-2026.yml", GOOD.replace(", for: New Year", ""),
                        "makeup-workdays[0].for", "is required"),
                new Case("bad weekend name", "xx-2026.yml", GOOD.replace("SUNDAY", "SUNDY"), "weekend[1]", "'SUNDY' is not a day of the week"),
                new Case("weekend day twice", "xx-2026.yml", GOOD.replace("SUNDAY", "saturday"), "weekend[1]", "SATURDAY is listed twice"),
                new Case("no weekend", "xx-2026.yml", GOOD.replace("weekend: [SATURDAY, SUNDAY]\n", ""), "weekend", "is required"),
                new Case("region differs from the file name", "yy-2026.yml", GOOD, "region", "'xx' does not match the file name yy-2026.yml"),
                new Case("year differs from the file name", "xx-2025.yml", GOOD, "year", "2026 does not match the file name xx-2025.yml"),
                new Case("file name not region-year", "holidays.yml", GOOD, "", "named <region>-<year>.yml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBrokenFileNamesItsFileAndKey(Case c) throws IOException {
        Path file = dir.resolve(c.fileName());
        Files.writeString(file, c.text());
        FileError e = assertThrows(FileError.class, () -> Calendars.load(dir));
        assertEquals(file, e.file());
        assertEquals(c.key(), e.key());
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(c.expected()), e.getMessage());
    }

    @Test
    void theGoodFileLoads() throws IOException {
        Files.writeString(dir.resolve("xx-2026.yml"), GOOD);
        BusinessCalendar xx = Calendars.load(dir).get("xx-2026");
        assertEquals(DayKind.HOLIDAY, xx.dayKind(LocalDate.of(2026, 2, 23)));
        assertEquals(DayKind.MAKEUP_WORKDAY, xx.dayKind(LocalDate.of(2026, 1, 4)));
        assertEquals(DayKind.WORKDAY, xx.dayKind(LocalDate.of(2026, 10, 1)));
    }

    @Test
    void aRegionYearMayBeDefinedOnce() throws IOException {
        Path first = Files.createDirectories(dir.resolve("archive")).resolve("xx-2026.yml");   // files are read in path order
        Files.writeString(first, GOOD);
        Path second = dir.resolve("xx-2026.yml");
        Files.writeString(second, GOOD);
        FileError e = assertThrows(FileError.class, () -> Calendars.load(dir));
        assertEquals(second, e.file());
        assertEquals("year", e.key());
        assertTrue(e.getMessage().contains("xx-2026 is already defined by " + first), e.getMessage());
    }

    @Test
    void theYearsOfARegionShareOneWeekend() throws IOException {
        Files.writeString(dir.resolve("xx-2026.yml"), GOOD);
        Path other = dir.resolve("xx-2027.yml");
        Files.writeString(other, "region: xx\nyear: 2027\nweekend: [FRIDAY, SATURDAY]\n");
        FileError e = assertThrows(FileError.class, () -> Calendars.load(dir));
        assertEquals(other, e.file());
        assertEquals("weekend", e.key());
    }

    @Test
    void aYamlExtensionIsRefusedNotSkipped() throws IOException {
        Path file = dir.resolve("xx-2026.yaml");
        Files.writeString(file, GOOD);
        FileError e = assertThrows(FileError.class, () -> Calendars.load(dir));
        assertEquals(file, e.file());
    }

    @Test
    void aMissingDirectoryIsAConfigError() {
        FileError e = assertThrows(FileError.class, () -> Calendars.load(dir.resolve("none")));
        assertTrue(e.getMessage().contains("calendar directory not found"), e.getMessage());
    }

    @Test
    void anEmptyDirectoryHasNoCalendars() {
        Calendars none = Calendars.load(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.get("cn"));
        assertEquals("unknown calendar 'cn' (known: none)", e.getMessage());
    }
}
