package io.acqsim.clearing;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The outcome of clearing one business date.
 *
 * @param alreadyCleared true when the date had been cleared before and nothing changed
 * @param payouts        payouts created by this run (0 when already cleared)
 */
public record ClearingResult(LocalDate businessDate, Instant clearedAt, int merchants, long transactions,
                             int payouts, boolean alreadyCleared, Path file) {
}
