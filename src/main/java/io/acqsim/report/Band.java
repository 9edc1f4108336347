package io.acqsim.report;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A stretch of time shaded behind the payout timeline's bars: a calendar day that does not settle,
 * a make-up working day, a holiday freeze, a bank outage or another fault's window.
 *
 * @param from       start, inclusive
 * @param to         end, exclusive; after {@code from}
 * @param label      what a person reads, e.g. "National Day", "PSBC core system upgrade"
 * @param faultId    the fault or freeze behind it (F-3, a freeze id), or null for calendar days
 * @param bank       when set, the band is drawn only behind that bank's merchants
 * @param merchantId when set, the band is drawn only behind that merchant's row
 */
public record Band(Kind kind, Instant from, Instant to, String label, String faultId, String bank, String merchantId) {
    /** What shades the band; its lower-case name is the CSS class suffix ({@code band-weekend}). */
    public enum Kind {
        WEEKEND, HOLIDAY, MAKEUP, FREEZE, OUTAGE, FAULT;

        public String cssName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Band {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) throw new IllegalArgumentException("band " + label + ": to " + to + " is not after from " + from);
    }

    /** A band behind every row. */
    public static Band everywhere(Kind kind, Instant from, Instant to, String label, String faultId) {
        return new Band(kind, from, to, label, faultId, null, null);
    }
}
