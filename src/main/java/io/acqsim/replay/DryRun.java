package io.acqsim.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code --dry-run}: decodes every input and pairs it as a replay would, sends nothing, and summarises
 * what a replay would send — messages, requests by MTI, paired and unpaired, the recorded time span,
 * the TIDs, and the records that could not be read.
 */
public final class DryRun {
    private static final int TIDS_LISTED = 10;
    private static final int TIDS_COUNTED = 1_000_000;

    private final Map<String, Long> requestsByMti = new TreeMap<>();
    private final Set<String> tids = new HashSet<>();
    private long requests;
    private long paired;
    private long messages;
    private long orphans;
    private Instant first;
    private Instant last;

    /** Reads everything {@code input} yields. */
    public DryRun read(Pairing input) throws IOException {
        RecordedExchange e;
        while ((e = input.next()) != null) {
            requests++;
            if (e.response() != null) paired++;
            requestsByMti.merge(e.request().mti(), 1L, Long::sum);
            if (e.tid() != null && tids.size() < TIDS_COUNTED) tids.add(e.tid());
            time(e.request().at());
            if (e.response() != null) time(e.response().at());
        }
        messages = input.messagesRead();
        orphans = input.orphanResponses();
        return this;
    }

    private void time(Instant at) {
        if (at == null) return;
        if (first == null || at.isBefore(first)) first = at;
        if (last == null || at.isAfter(last)) last = at;
    }

    public long messages() { return messages; }

    public long requests() { return requests; }

    public long paired() { return paired; }

    public long orphans() { return orphans; }

    public Map<String, Long> requestsByMti() { return requestsByMti; }

    public int tids() { return tids.size(); }

    public void print(PrintStream out, long skipped, Duration elapsed) {
        out.printf(Locale.ROOT, "dry run: %,d messages read in %.2f s (%,.0f/s); nothing sent%n", messages, elapsed.toNanos() / 1e9,
                messages * 1e9 / Math.max(1, elapsed.toNanos()));
        out.printf(Locale.ROOT, "  requests %,d: %s%n", requests, byMti());
        out.printf(Locale.ROOT, "  paired with a recorded response %,d · without one %,d · responses without a request %,d%n", paired, requests - paired, orphans);
        out.println("  time span: " + (first == null ? "no times recorded" : first + " … " + last + " (" + Duration.between(first, last) + ")"));
        TreeSet<String> sorted = new TreeSet<>(tids);
        out.printf(Locale.ROOT, "  TIDs %,d%s%n", tids.size(), tids.isEmpty() ? "" : ": " + String.join(" ", sorted.stream().limit(TIDS_LISTED).toList())
                + (tids.size() > TIDS_LISTED ? " …" : ""));
        out.printf(Locale.ROOT, "  records skipped (could not be read): %,d%n", skipped);
    }

    private String byMti() {
        StringBuilder sb = new StringBuilder();
        requestsByMti.forEach((m, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(m).append(" ×").append(n));
        return sb.toString();
    }
}
