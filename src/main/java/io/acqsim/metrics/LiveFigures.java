package io.acqsim.metrics;

import java.util.List;
import java.util.Map;

/**
 * What the live dashboard draws from, read off the host's meters: totals since start, so a poller takes the
 * difference of two readings for the interval between them.
 *
 * @param requests        requests answered (every kind, profile and response code)
 * @param latencySeconds  their durations summed, in seconds
 * @param latencyBuckets  the request-duration histogram summed over every series: cumulative counts of requests
 *                        that took at most {@code le} seconds, in ascending order; the last bucket holds every request
 * @param responseCodes   requests per response code
 * @param terminals       terminal connections open now per profile (cup, iso87a), from jPOS's listener gauges
 */
public record LiveFigures(long requests, double latencySeconds, List<Bucket> latencyBuckets, Map<String, Long> responseCodes,
                          Map<String, Long> terminals) {

    /** {@code count} requests took at most {@code le} seconds ({@code le} infinite: all of them). */
    public record Bucket(double le, long count) {
    }
}
