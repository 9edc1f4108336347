package io.acqsim.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured. The first seven components are the {@code --json} document of PRODUCT.md §3;
 * the rest are for the printed summary and tests.
 *
 * @param throughput answers per second over the run (from the start of sending to the last answer)
 * @param sent requests attempted: {@code approved + declined + timeouts + errors}
 * @param approved answers with response code 00
 * @param errors requests that could not be sent or whose answer could not be read (connection refused or lost, garbled answer)
 * @param timeouts requests without an answer within the timeout (each was then reversed)
 * @param latencyMs from the intended send time to the answer (or the timeout), in milliseconds
 * @param responseCodes answers per response code (field 39)
 * @param unsent open loop: requests scheduled before the end that were not sent because all terminals were
 *               busy until the end; 0 for closed loop
 * @param firstError what the first error was (one terminal's), or null
 * @param connectTime from the start of the first terminal's connect to the end of the last one's
 * @param signOnTime from the start of the first terminal's connect to the last one's answered sign-on
 * @param warmup what the warm-up before the measured run did, or null without one
 * @param latencies every latency {@code latencyMs} is computed from, in microseconds ({@link LoadStats#LATENCY_DIGITS} significant
 *                  digits), its start and end time stamps the measured window's (epoch milliseconds)
 * @param startedAt the wall clock when measuring started; it ended at {@link #endedAt()}
 * @param byTarget each target's share, in the order of the run's targets (empty when not counted)
 */
public record LoadResult(double throughput, long sent, long approved, long errors, long timeouts, LatencySummary latencyMs,
                         Map<String, Long> responseCodes, Duration elapsed, long answered, long reversals, long unsent,
                         Map<Kind, Long> sentByKind, Map<Kind, Long> approvedByKind, List<String> warnings, String firstError,
                         Duration connectTime, Duration signOnTime, Warmup warmup, Histogram latencies, Instant startedAt,
                         List<PerTarget> byTarget) {

    /** One target's share of the measured run: its terminals and their requests. */
    public record PerTarget(Target target, int terminals, long sent, long answered, long timeouts, long errors) {
    }

    /** What the warm-up did (not in the figures above): its length and its requests. */
    public record Warmup(Duration duration, long sent, long approved, long errors, long timeouts) {
        static Warmup of(Duration duration, LoadStats s) {
            return new Warmup(duration, s.sent(), s.approved(), s.errors(), s.timeouts());
        }
    }

    /** {@code warmup}: null when the run had none. */
    static LoadResult of(LoadStats s, Instant startedAt, Duration elapsed, Duration connectTime, Duration signOnTime, long scheduled,
                         List<String> warnings, String firstError, Warmup warmup, List<PerTarget> byTarget) {
        Histogram latencies = s.latencies();
        latencies.setStartTimeStamp(startedAt.toEpochMilli());
        latencies.setEndTimeStamp(startedAt.plus(elapsed).toEpochMilli());
        LatencySummary latency = LatencySummary.ofMicros(latencies);
        double seconds = elapsed.toNanos() / 1e9;
        double throughput = seconds <= 0 ? 0 : LatencySummary.round(s.answered() / seconds, 1);
        long unsent = scheduled < 0 ? 0 : Math.max(0, scheduled - s.sent());
        return new LoadResult(throughput, s.sent(), s.approved(), s.errors(), s.timeouts(), latency, s.responseCodes(), elapsed,
                s.answered(), s.reversals(), unsent, s.sentByKind(), s.approvedByKind(), List.copyOf(warnings), firstError,
                connectTime, signOnTime, warmup, latencies, startedAt, List.copyOf(byTarget));
    }

    /** The wall clock when the measured run ended: its last answer (or timeout). */
    public Instant endedAt() {
        return startedAt.plus(elapsed);
    }

    /** Answers other than 00. */
    public long declined() {
        return answered - approved;
    }
}
