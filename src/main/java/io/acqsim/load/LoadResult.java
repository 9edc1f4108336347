package io.acqsim.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 */
public record LoadResult(double throughput, long sent, long approved, long errors, long timeouts, LatencySummary latencyMs,
                         Map<String, Long> responseCodes, Duration elapsed, long answered, long reversals, long unsent,
                         Map<Kind, Long> sentByKind, Map<Kind, Long> approvedByKind, List<String> warnings, String firstError,
                         Duration connectTime, Duration signOnTime, Warmup warmup) {

    /** What the warm-up did (not in the figures above): its length and its requests. */
    public record Warmup(Duration duration, long sent, long approved, long errors, long timeouts) {
        static Warmup of(Duration duration, LoadStats s) {
            return new Warmup(duration, s.sent(), s.approved(), s.errors(), s.timeouts());
        }
    }

    /** {@code warmup}: null when the run had none. */
    static LoadResult of(LoadStats s, Duration elapsed, Duration connectTime, Duration signOnTime, long scheduled, List<String> warnings,
                         String firstError, Warmup warmup) {
        LatencySummary latency = LatencySummary.ofMicros(s.latencies());
        double seconds = elapsed.toNanos() / 1e9;
        double throughput = seconds <= 0 ? 0 : LatencySummary.round(s.answered() / seconds, 1);
        long unsent = scheduled < 0 ? 0 : Math.max(0, scheduled - s.sent());
        return new LoadResult(throughput, s.sent(), s.approved(), s.errors(), s.timeouts(), latency, s.responseCodes(), elapsed,
                s.answered(), s.reversals(), unsent, s.sentByKind(), s.approvedByKind(), List.copyOf(warnings), firstError,
                connectTime, signOnTime, warmup);
    }

    /** Answers other than 00. */
    public long declined() {
        return answered - approved;
    }
}
