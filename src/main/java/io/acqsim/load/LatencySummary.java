package io.acqsim.load;

import org.HdrHistogram.AbstractHistogram;

/**
 * The percentiles a load report shows, in milliseconds rounded to the microsecond, from a histogram of
 * microseconds. Shared by {@code acqsim load} and the benchmark client {@code io.acqsim.bench.PurchaseLoad}.
 */
public record LatencySummary(double p50, double p90, double p99, double p999, double max) {

    public static LatencySummary ofMicros(AbstractHistogram h) {
        if (h.getTotalCount() == 0) return new LatencySummary(0, 0, 0, 0, 0);
        return new LatencySummary(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    /** Microseconds to milliseconds with three decimals. */
    public static double ms(long micros) {
        return round(micros / 1000.0, 3);
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
