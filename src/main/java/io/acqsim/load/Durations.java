package io.acqsim.load;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: ISO-8601 ({@code PT30S}) or a number and a unit ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double nanos = n * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            if (nanos > Long.MAX_VALUE / 2) throw new IllegalArgumentException("duration '" + s + "' is too long");
            return Duration.ofNanos(Math.round(nanos));
        }
        try {
            return Duration.parse(s.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration such as 30s, 500ms, 2m or PT30S");
        }
    }

    /** Short form for output: 2s, 1.5s, 500ms, 2m30s. */
    public static String format(Duration d) {
        if (d.toMillis() < 1000) return d.toMillis() + "ms";
        if (d.toSeconds() < 60 || d.toMillisPart() != 0) {
            double s = d.toMillis() / 1000.0;
            return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + "s";
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
