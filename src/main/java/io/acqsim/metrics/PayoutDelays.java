package io.acqsim.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.acqsim.payout.DelayReason;
import io.acqsim.payout.Payout;
import io.acqsim.payout.ReasonCode;

/**
 * {@code acqsim_payout_delay_seconds{reason}}: observed once per paid payout and delay reason, when the
 * payout becomes PAID, with the time that reason held it (the sum of its intervals of that code; laid end to
 * end a paid payout's intervals cover promised .. paid). A payout paid on time observes nothing; one delayed
 * by a weekend and then a bank outage observes once under each. Payouts paid before this host started
 * (another run's) are not observed: like every counter here, it counts from the host's start.
 */
public final class PayoutDelays implements Consumer<Payout> {
    /** Upper bounds: an hour to a month. */
    public static final List<Duration> BUCKETS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7),
            Duration.ofDays(14), Duration.ofDays(30));

    private final Map<ReasonCode, Timer> byReason = new EnumMap<>(ReasonCode.class);

    /** Registers a series for every reason code, so each is present (at zero) from the start. */
    public PayoutDelays(MeterRegistry registry) {
        Duration[] buckets = BUCKETS.toArray(Duration[]::new);
        for (ReasonCode code : ReasonCode.values()) {
            byReason.put(code, Timer.builder("acqsim.payout.delay")
                    .description("Time a paid payout was held by each of its delay reasons, observed when it is paid.")
                    .tag("reason", code.name().toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(buckets).register(registry));
        }
    }

    @Override
    public void accept(Payout paid) {
        if (!paid.paid() || paid.reasons().isEmpty()) return;
        Map<ReasonCode, Duration> held = new EnumMap<>(ReasonCode.class);
        for (DelayReason r : paid.reasons()) {
            if (r.open()) continue;
            held.merge(r.code(), Duration.between(r.from(), r.to()), Duration::plus);
        }
        held.forEach((code, d) -> byReason.get(code).record(d));
    }
}
