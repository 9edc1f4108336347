package io.acqsim.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.acqsim.metrics.LiveFigures;

/**
 * {@code GET /api/live}: the live dashboard's figures, totals since the host started (a poller takes the
 * difference of two readings): {@code requests}, {@code latencySeconds} (their durations summed),
 * {@code latencyBuckets} ({@code [{"le": "0.0005", "count": n}, ..., {"le": "+Inf", "count": requests}]},
 * cumulative, as Prometheus writes a histogram), {@code responseCodes} and {@code terminals} connected now per
 * profile. Read off the meters, no ledger query, so a page may ask every few seconds.
 */
final class Live {
    private Live() {
    }

    static Map<String, Object> view(LiveFigures f) {
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (LiveFigures.Bucket b : f.latencyBuckets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("le", Double.isInfinite(b.le()) ? "+Inf" : new BigDecimal(Double.toString(b.le())).stripTrailingZeros().toPlainString());
            m.put("count", b.count());
            buckets.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", f.requests());
        m.put("latencySeconds", f.latencySeconds());
        m.put("latencyBuckets", buckets);
        m.put("responseCodes", f.responseCodes());
        m.put("terminals", f.terminals());
        return m;
    }
}
