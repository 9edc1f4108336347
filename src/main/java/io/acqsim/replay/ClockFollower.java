package io.acqsim.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import io.acqsim.admin.AdminClient;

/**
 * {@code --follow-clock}: before each request, moves an acqsim host's simulated clock (admin API,
 * {@code POST /api/clock/set}) to the request's recorded instant, so it lands on its original business
 * date; every job due on the way (cutovers, clearing, payouts) runs first, as the host guarantees. The
 * clock never moves backwards: a request recorded before the host's current time is sent at the current
 * time and counted in {@link #behind()}.
 */
public final class ClockFollower {
    private final AdminClient admin;
    private Instant now;
    private long moves;
    private long behind;

    public ClockFollower(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * Reads the host's clock and returns it as the host shows it (local time with offset); fails
     * (AdminClient.Failure, UncheckedIOException) when the admin API cannot be reached.
     */
    public String start() {
        String shown = admin.get("/api/clock").path("now").asText();
        now = OffsetDateTime.parse(shown).toInstant();
        return shown;
    }

    public void moveTo(Instant at) {
        if (at == null) return;
        if (at.isBefore(now)) {
            behind++;
            return;
        }
        if (at.equals(now)) return;
        admin.post("/api/clock/set", Map.of("to", at.toString()));
        now = at;
        moves++;
    }

    /** Clock moves made. */
    public long moves() { return moves; }

    /** Requests recorded before the host's clock already stood. */
    public long behind() { return behind; }
}
