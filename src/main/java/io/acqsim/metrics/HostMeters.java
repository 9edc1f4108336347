package io.acqsim.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.acqsim.clock.Scheduler;
import io.acqsim.fault.Fault;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.ledger.Ledger;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.settlement.Settlement;

/**
 * The host's meters in a Prometheus registry — the one jPOS's Q2 adds to Micrometer's global registry, so
 * {@link #scrape()} returns jPOS's own meters ({@code jpos_*}, JVM and process) and acqsim's together.
 * acqsim's are registered in that registry directly, not through the global one: a record then goes to one
 * meter instead of through a composite, and a second host in the same JVM (tests) neither sees nor clears them.
 * <p>
 * Counted as things happen: {@link #transactions()} (the request path) and {@link PayoutDelays} (told by
 * settlement as payouts are paid). Read at scrape time, never on the request path: payouts by status and
 * active faults by type (refreshed once per {@link #scrape()}: one payouts query), the scheduler's jobs,
 * the ledger's journal figures and the simulated clock.
 */
public final class HostMeters {
    /** The Prometheus text exposition format {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final TransactionMeters transactions;
    private final Settlement settlement;
    private final FaultRegistry faults;
    private final Clock clock;
    /** Fault types seen active since start: each keeps its series, at 0 when none is active. */
    private final Set<String> faultTypes = ConcurrentHashMap.newKeySet();
    private volatile Map<PayoutStatus, Long> payouts = new EnumMap<>(PayoutStatus.class);
    private volatile Map<String, Long> activeFaults = Map.of();

    public HostMeters(PrometheusMeterRegistry registry, Clock clock, Scheduler scheduler, Ledger ledger, Settlement settlement,
                      FaultRegistry faults) {
        this.registry = registry;
        this.transactions = new TransactionMeters(registry);
        this.settlement = settlement;
        this.faults = faults;
        this.clock = clock;
        PromtoolNames.apply(registry);
        TransactionManagerBuckets.apply(registry);
        settlement.onPaid(new PayoutDelays(registry));
        for (PayoutStatus s : PayoutStatus.values()) {
            Gauge.builder("acqsim.payouts", () -> payouts.getOrDefault(s, 0L)).description("Payouts in the ledger by status.")
                    .tag("status", s.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("acqsim.scheduler.jobs.run", scheduler, Scheduler::jobsRun)
                .description("Simulated-time jobs run since start.").register(registry);
        Gauge.builder("acqsim.ledger.writes.per.commit", () -> ledger.figures().writesPerGroup())
                .description("Average ledger writes made durable per journal append (group commit).").register(registry);
        Gauge.builder("acqsim.ledger.journal.behind", () -> ledger.figures().behind())
                .description("Journal entries not yet applied to the ledger's tables.").register(registry);
        Gauge.builder("acqsim.ledger.journal", () -> ledger.figures().journalBytes()).baseUnit("bytes")
                .description("Bytes the ledger journal takes on disk.").register(registry);
        Gauge.builder("acqsim.clock", () -> clock.millis() / 1000.0).baseUnit("seconds")
                .description("Simulated time, seconds since the epoch.").register(registry);
    }

    /** The request path's meters. */
    public TransactionMeters transactions() {
        return transactions;
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}), the scrape-time figures read now. */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    /** The figures of the live dashboard, read off the meters now (no ledger query). */
    public LiveFigures live() {
        long requests = 0;
        double seconds = 0;
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (Timer t : registry.find(TransactionMeters.DURATION).timers()) {
            requests += t.count();
            seconds += t.totalTime(TimeUnit.SECONDS);
            for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
                buckets.merge(b.bucket(TimeUnit.SECONDS), (long) b.count(), Long::sum);
            }
        }
        List<LiveFigures.Bucket> cumulative = new ArrayList<>();
        buckets.forEach((le, n) -> cumulative.add(new LiveFigures.Bucket(le, n)));
        cumulative.add(new LiveFigures.Bucket(Double.POSITIVE_INFINITY, requests));
        Map<String, Long> codes = new TreeMap<>();
        for (Counter c : registry.find(TransactionMeters.TRANSACTIONS).counters()) {
            codes.merge(c.getId().getTag("response_code"), (long) c.count(), Long::sum);
        }
        Map<String, Long> terminals = new TreeMap<>();
        for (Gauge g : registry.find("jpos.server.connections").gauges()) {
            String name = g.getId().getTag("name");
            if (name != null) terminals.merge(name.startsWith("server-") ? name.substring("server-".length()) : name, (long) g.value(), Long::sum);
        }
        return new LiveFigures(requests, seconds, List.copyOf(cumulative), codes, terminals);
    }

    private void refresh() {
        payouts = settlement.payouts().countByStatus();
        Instant now = clock.instant();
        Map<String, Long> active = new HashMap<>();
        for (Fault f : faults.list()) {
            if (f.window().contains(now)) active.merge(f.type(), 1L, Long::sum);
        }
        activeFaults = active;
        for (String type : active.keySet()) {
            if (faultTypes.add(type)) {
                Gauge.builder("acqsim.faults.active", () -> activeFaults.getOrDefault(type, 0L))
                        .description("Faults whose window contains the simulated now, by type.").tag("type", type).register(registry);
            }
        }
    }
}
