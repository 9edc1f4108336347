package io.acqsim.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the terminals of a run report, shared by all of them and safe to update from many threads:
 * latencies (microseconds, from the intended send time) in an HdrHistogram {@link Recorder}, so the
 * progress line can take the last second's histogram while terminals keep recording; counters;
 * response codes; sent and approved per kind.
 */
public final class LoadStats {
    /** The histograms' precision: a recorded value is kept to 3 significant digits (within 0.1%). */
    public static final int LATENCY_DIGITS = 3;
    private final Recorder recorder = new Recorder(LATENCY_DIGITS);
    private final Histogram total = new Histogram(LATENCY_DIGITS);
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder approved = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder reversals = new LongAdder();
    private final Map<String, LongAdder> codes = new ConcurrentHashMap<>();
    private final Map<Kind, LongAdder> sentByKind = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder> approvedByKind = new EnumMap<>(Kind.class);
    private Histogram interval;

    public LoadStats() {
        for (Kind k : Kind.values()) {
            sentByKind.put(k, new LongAdder());
            approvedByKind.put(k, new LongAdder());
        }
    }

    void sent(Kind k) {
        sent.increment();
        sentByKind.get(k).increment();
    }

    /** An answer came; {@code latencyNanos} counts from the intended send time. */
    void answered(Kind k, String responseCode, long latencyNanos) {
        record(latencyNanos);
        answered.increment();
        codes.computeIfAbsent(responseCode == null ? "--" : responseCode, c -> new LongAdder()).increment();
        if ("00".equals(responseCode)) {
            approved.increment();
            approvedByKind.get(k).increment();
        }
    }

    /** No answer within the timeout; the wait counts as its latency. */
    void timedOut(long latencyNanos) {
        record(latencyNanos);
        timeouts.increment();
    }

    /** The request could not be sent or its answer not read (connection refused or lost, garbled answer). */
    void error() {
        errors.increment();
    }

    void reversed() {
        reversals.increment();
    }

    private void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos / 1000));
    }

    /** What happened since the previous call: moves the interval's latencies into the run's total. */
    public synchronized Interval interval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return new Interval(interval.getTotalCount(), interval.getTotalCount() == 0 ? 0 : LatencySummary.ms(interval.getValueAtPercentile(99)),
                sent.sum(), errors.sum(), timeouts.sum(), answered.sum() - approved.sum());
    }

    /** Everything recorded; call once the terminals have stopped. */
    public synchronized Histogram latencies() {
        interval();
        return total.copy();
    }

    public long sent() { return sent.sum(); }

    public long answered() { return answered.sum(); }

    public long approved() { return approved.sum(); }

    public long errors() { return errors.sum(); }

    public long timeouts() { return timeouts.sum(); }

    public long reversals() { return reversals.sum(); }

    public Map<String, Long> responseCodes() {
        Map<String, Long> out = new TreeMap<>();
        codes.forEach((c, n) -> out.put(c, n.sum()));
        return out;
    }

    public Map<Kind, Long> sentByKind() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        sentByKind.forEach((k, n) -> out.put(k, n.sum()));
        return out;
    }

    public Map<Kind, Long> approvedByKind() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        approvedByKind.forEach((k, n) -> out.put(k, n.sum()));
        return out;
    }

    /**
     * One progress tick: requests completed in the interval (answered or timed out) and their p99;
     * totals so far of sent, errors, timeouts and declined (answered other than 00).
     */
    public record Interval(long completed, double p99Ms, long sent, long errors, long timeouts, long declined) {
    }
}
