package io.acqsim.report;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * Payout delays summed up per reason code: how many payouts a reason touched, their
 * net amount, and the mean and longest time that reason held them. Time is what the reason itself
 * accounts for (its intervals), so a payout late for a weekend and a bank outage counts under both,
 * each with its own share. An interval still open counts up to {@code now}. Per merchant, see
 * {@link MerchantSummary}.
 */
public record ReasonSummary(String key, int count, long amount, Duration mean, Duration max, List<String> faultIds) {

    /** One row per reason code, in the order of the codes. */
    public static List<ReasonSummary> byReason(List<PayoutView> payouts, OffsetDateTime now) {
        Map<String, Acc> acc = new TreeMap<>();
        for (PayoutView p : payouts) {
            Map<String, Duration> perCode = new LinkedHashMap<>();
            Map<String, List<String>> faults = new LinkedHashMap<>();
            for (PayoutView.Reason r : p.reasons()) {
                perCode.merge(r.code(), Duration.between(r.from(), r.to() == null ? now : r.to()), Duration::plus);
                if (r.faultId() != null) faults.computeIfAbsent(r.code(), k -> new ArrayList<>()).add(r.faultId());
            }
            perCode.forEach((code, d) -> acc.computeIfAbsent(code, k -> new Acc()).add(p.net(), d, faults.getOrDefault(code, List.of())));
        }
        return rows(acc);
    }

    /** The payout's delay: paidAt - promisedAt, or now - promisedAt while unpaid; never negative. */
    public static Duration delay(PayoutView p, OffsetDateTime now) {
        Duration d = Duration.between(p.promisedAt(), p.paidAt() != null ? p.paidAt() : now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static List<ReasonSummary> rows(Map<String, Acc> acc) {
        List<ReasonSummary> out = new ArrayList<>();
        acc.forEach((k, a) -> out.add(new ReasonSummary(k, a.count, a.amount, a.total.dividedBy(a.count), a.max,
                a.faults.stream().distinct().sorted().toList())));
        return out;
    }

    private static final class Acc {
        int count;
        long amount;
        Duration total = Duration.ZERO;
        Duration max = Duration.ZERO;
        final List<String> faults = new ArrayList<>();

        void add(long net, Duration d, List<String> faultIds) {
            count++;
            amount += net;
            total = total.plus(d);
            if (d.compareTo(max) > 0) max = d;
            faults.addAll(faultIds);
        }
    }
}
