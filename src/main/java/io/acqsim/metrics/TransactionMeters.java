package io.acqsim.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.acqsim.iso.Profile;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * The host's per-request meters, labelled {@code kind}, {@code profile} and {@code response_code}:
 * {@code acqsim_transactions_total} (a response was decided) and {@code acqsim_request_duration_seconds}
 * (from the request read off the connection to its response handed to the terminal link; a histogram with
 * the fixed {@link #BUCKETS}).
 * <p>
 * On the hot path: the meters of a (kind, profile, code) are built and registered the first time it is
 * seen and kept; after that a request costs an array index and a map lookup on a {@link ResponseCode}
 * (whose hash is its string's, cached) — no builder, no tag list, no allocation.
 */
public final class TransactionMeters {
    /** The requests counter's name (Micrometer's; Prometheus shows acqsim_transactions_total). */
    static final String TRANSACTIONS = "acqsim.transactions";
    /** The request-duration timer's name (acqsim_request_duration_seconds). */
    static final String DURATION = "acqsim.request.duration";

    /** The request duration histogram's upper bounds: 0.5 ms to 5 s (and +Inf). */
    public static final List<Duration> BUCKETS = List.of(Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5));

    /** One (kind, profile, code)'s meters. */
    public record Meters(Counter transactions, Timer duration) {
    }

    private final MeterRegistry registry;
    private final Duration[] buckets = BUCKETS.toArray(Duration[]::new);
    private final int profiles = Profile.values().length;
    /** Indexed by kind and profile ordinal; each cell maps a response code to its meters. */
    private final List<ConcurrentMap<ResponseCode, Meters>> cells;

    public TransactionMeters(MeterRegistry registry) {
        this.registry = registry;
        int n = MessageKind.values().length * profiles;
        List<ConcurrentMap<ResponseCode, Meters>> c = new ArrayList<>(n);
        for (int i = 0; i < n; i++) c.add(new ConcurrentHashMap<>());
        this.cells = List.copyOf(c);
    }

    /** A response was decided for a request of {@code kind} on {@code profile}. */
    public void decided(MessageKind kind, Profile profile, ResponseCode code) {
        of(kind, profile, code).transactions().increment();
    }

    /** A response went to the terminal link {@code nanos} after its request was read. */
    public void answered(MessageKind kind, Profile profile, ResponseCode code, long nanos) {
        of(kind, profile, code).duration().record(nanos, TimeUnit.NANOSECONDS);
    }

    Meters of(MessageKind kind, Profile profile, ResponseCode code) {
        ConcurrentMap<ResponseCode, Meters> cell = cells.get(kind.ordinal() * profiles + profile.ordinal());
        Meters m = cell.get(code);
        return m != null ? m : cell.computeIfAbsent(code, c -> register(kind, profile, c));
    }

    private Meters register(MessageKind kind, Profile profile, ResponseCode code) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        Counter count = Counter.builder(TRANSACTIONS)
                .description("Requests the host decided a response for, by message kind, profile and response code.")
                .tags("kind", k, "profile", profile.id(), "response_code", code.code()).register(registry);
        Timer duration = Timer.builder(DURATION)
                .description("From a request read off the terminal connection to its response handed to the terminal link.")
                .tags("kind", k, "profile", profile.id(), "response_code", code.code())
                .serviceLevelObjectives(buckets).register(registry);
        return new Meters(count, duration);
    }
}
