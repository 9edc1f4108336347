package io.acqsim.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.acqsim.config.ConfigFile;

/**
 * Reads a date written {@code YYYY-MM-DD} from a {@link ConfigFile}. The file's values are the text
 * written, quoted or not, so the date is parsed strictly and reads the same in every default time zone
 * (an impossible 2026-02-30 is refused, not rolled over into March).
 */
final class IsoDates {
    private IsoDates() {
    }

    /** The date under {@code key}, required. */
    static LocalDate required(ConfigFile c, String key) {
        String s = c.requiredString(key);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw c.error(key, "'" + s + "' is not a date of the form YYYY-MM-DD");
        }
    }
}
