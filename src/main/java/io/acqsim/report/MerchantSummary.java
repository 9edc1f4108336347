package io.acqsim.report;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One merchant's payouts summed up, the same numbers wherever they are shown (the console tables of
 * {@code report payouts} and {@code demo}, the HTML report): how many payouts and how many of them
 * delayed, their net amount, the mean delay over all its payouts (an on-time payout counts as 0) and
 * the longest, how many payouts each reason code touched, and the ids of the faults behind its
 * delays. An unpaid payout's delay counts up to {@code now}.
 *
 * @param reasons reason code to the number of payouts it delayed, by code
 * @param faultIds the faults named by its delay reasons, sorted
 */
public record MerchantSummary(String merchantId, String bank, String product, int payouts, int delayed, long amount, Duration mean,
                              Duration max, Map<String, Integer> reasons, List<String> faultIds) {
    public MerchantSummary {
        reasons = java.util.Collections.unmodifiableMap(new TreeMap<>(reasons));
        faultIds = List.copyOf(faultIds);
    }

    /** One row per merchant with a payout, by merchant id. */
    public static List<MerchantSummary> of(List<PayoutView> payouts, OffsetDateTime now) {
        Map<String, List<PayoutView>> byMerchant = new TreeMap<>();
        for (PayoutView p : payouts) byMerchant.computeIfAbsent(p.merchantId(), k -> new ArrayList<>()).add(p);
        List<MerchantSummary> out = new ArrayList<>(byMerchant.size());
        byMerchant.forEach((mid, list) -> out.add(of(mid, list, now)));
        return List.copyOf(out);
    }

    private static MerchantSummary of(String mid, List<PayoutView> list, OffsetDateTime now) {
        Duration total = Duration.ZERO;
        Duration max = Duration.ZERO;
        Map<String, Integer> codes = new TreeMap<>();
        TreeSet<String> faults = new TreeSet<>();
        long amount = 0;
        int delayed = 0;
        for (PayoutView p : list) {
            Duration d = ReasonSummary.delay(p, now);
            total = total.plus(d);
            if (d.compareTo(max) > 0) max = d;
            if (p.delayedAt(now)) delayed++;
            amount += p.net();
            p.reasons().stream().map(PayoutView.Reason::code).distinct().forEach(c -> codes.merge(c, 1, Integer::sum));
            for (PayoutView.Reason r : p.reasons()) if (r.faultId() != null) faults.add(r.faultId());
        }
        return new MerchantSummary(mid, list.getFirst().bank(), list.getFirst().product(), list.size(), delayed, amount,
                total.dividedBy(list.size()), max, codes, List.copyOf(faults));
    }

    /** "HOLIDAY: 3, WEEKEND: 2". */
    public String reasonCounts() {
        List<String> parts = new ArrayList<>();
        reasons.forEach((code, n) -> parts.add(code + ": " + n));
        return String.join(", ", parts);
    }
}
