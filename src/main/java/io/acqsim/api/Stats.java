package io.acqsim.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.acqsim.host.HostServices;
import io.acqsim.payout.PayoutStatus;

/** {@code GET /api/stats}: transactions and payouts per status, lower-case keys, every status present. */
record Stats(Map<String, Long> transactions, Map<String, Long> payouts) {

    static Stats of(HostServices host) {
        Map<String, Long> tx = new LinkedHashMap<>();
        for (String s : new String[] {"approved", "declined", "reversed", "voided"}) tx.put(s, 0L);
        host.ledger().countByStatus().forEach((k, v) -> tx.put(k.name().toLowerCase(Locale.ROOT), v));
        tx.put("total", tx.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> po = new LinkedHashMap<>();
        Map<PayoutStatus, Long> byStatus = host.settlement().payouts().countByStatus();
        byStatus.forEach((k, v) -> po.put(k.name().toLowerCase(Locale.ROOT), v));
        po.put("delayed", host.settlement().payouts().countDelayed(host.clock().instant()));
        po.put("total", byStatus.values().stream().mapToLong(Long::longValue).sum());
        return new Stats(tx, po);
    }
}
