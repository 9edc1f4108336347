package io.acqsim.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * jPOS's TransactionManager timer ({@code jpos.tm.op}, one series per participant phase) asks for a percentile
 * histogram of ~80 buckets and client-side 50th and 95th percentiles on top of the six service-level buckets Q2
 * gives it (10 ms to 15 s): 400 of the scrape's 701 lines, and a percentile sketch updated on every record. In the
 * host's registry it keeps Q2's six buckets and its count, sum and max; the percentiles and the fine histogram go
 * (the scrape under a 3,000/s load: docs/BENCHMARKS.md). acqsim's own request histogram has its own buckets.
 * Must be in place before jPOS registers the timer, i.e. before Q2 deploys the TransactionManager.
 */
final class TransactionManagerBuckets {
    private TransactionManagerBuckets() {
    }

    static void apply(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("jpos.tm.op")) return config;
                return DistributionStatisticConfig.builder().percentilesHistogram(false).percentiles().build().merge(config);
            }
        });
    }
}
