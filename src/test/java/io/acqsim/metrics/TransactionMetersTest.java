package io.acqsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.acqsim.iso.Profile;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.ReasonCode;

/** acqsim's own meters on a private Prometheus registry (no global state): labels, caching, buckets, delays. */
class TransactionMetersTest {
    static final Instant THU_2026_10_01_1000 = Instant.parse("2026-10-01T02:00:00Z");

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void eachKindProfileAndCodeIsItsOwnSeriesResolvedOnce() {
        TransactionMeters meters = new TransactionMeters(registry);
        meters.decided(MessageKind.PURCHASE, Profile.CUP, ResponseCode.APPROVED);
        meters.decided(MessageKind.PURCHASE, Profile.CUP, ResponseCode.of("00"));
        meters.decided(MessageKind.PURCHASE, Profile.CUP, ResponseCode.INSUFFICIENT_FUNDS);
        meters.decided(MessageKind.PURCHASE, Profile.ISO87A, ResponseCode.APPROVED);
        meters.decided(MessageKind.ECHO, Profile.CUP, ResponseCode.APPROVED);
        assertSame(meters.of(MessageKind.PURCHASE, Profile.CUP, ResponseCode.APPROVED),
                meters.of(MessageKind.PURCHASE, Profile.CUP, new ResponseCode("00")), "a code read off the wire finds the same meters");

        Scrape s = Scrape.of(registry.scrape());
        assertEquals("counter", s.types().get("acqsim_transactions_total"));
        assertEquals(2, s.value("acqsim_transactions_total{kind=\"purchase\",profile=\"cup\",response_code=\"00\"}"));
        assertEquals(1, s.value("acqsim_transactions_total{kind=\"purchase\",profile=\"cup\",response_code=\"51\"}"));
        assertEquals(1, s.value("acqsim_transactions_total{kind=\"purchase\",profile=\"iso87a\",response_code=\"00\"}"));
        assertEquals(1, s.value("acqsim_transactions_total{kind=\"echo\",profile=\"cup\",response_code=\"00\"}"));
    }

    @Test
    void durationsFallIntoTheFixedBucketsInSeconds() {
        TransactionMeters meters = new TransactionMeters(registry);
        meters.answered(MessageKind.PURCHASE, Profile.ISO87A, ResponseCode.APPROVED, Duration.ofNanos(300_000).toNanos());
        meters.answered(MessageKind.PURCHASE, Profile.ISO87A, ResponseCode.APPROVED, Duration.ofMillis(3).toNanos());
        meters.answered(MessageKind.PURCHASE, Profile.ISO87A, ResponseCode.APPROVED, Duration.ofSeconds(7).toNanos());

        Scrape s = Scrape.of(registry.scrape());
        String labels = "kind=\"purchase\",profile=\"iso87a\",response_code=\"00\"";
        assertEquals("histogram", s.types().get("acqsim_request_duration_seconds"));
        assertEquals(3, s.value("acqsim_request_duration_seconds_count{" + labels + "}"));
        assertEquals(7.0033, s.value("acqsim_request_duration_seconds_sum{" + labels + "}"), 1e-9);
        assertEquals(1, s.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"5.0E-4\"}"));
        assertEquals(1, s.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"0.0025\"}"));
        assertEquals(2, s.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"}"));
        assertEquals(2, s.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"5.0\"}"));
        assertEquals(3, s.value("acqsim_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"}"));
        long buckets = s.samples().keySet().stream().filter(k -> k.startsWith("acqsim_request_duration_seconds_bucket{")).count();
        assertEquals(TransactionMeters.BUCKETS.size() + 1, buckets, "bounded: the fixed buckets and +Inf");
    }

    @Test
    void aPaidPayoutObservesTheTimeEachReasonHeldIt() {
        PayoutDelays delays = new PayoutDelays(registry);
        Instant t = THU_2026_10_01_1000;
        delays.accept(paid(List.of(reason(ReasonCode.WEEKEND, t, t.plus(Duration.ofDays(2))),
                reason(ReasonCode.HOLIDAY, t.plus(Duration.ofDays(2)), t.plus(Duration.ofDays(7))),
                reason(ReasonCode.WEEKEND, t.plus(Duration.ofDays(7)), t.plus(Duration.ofDays(8)))), PayoutStatus.PAID));
        delays.accept(paid(List.of(), PayoutStatus.PAID));
        delays.accept(paid(List.of(new DelayReason(ReasonCode.BANK_OUTAGE, t, null, "PSBC", "F-1")), PayoutStatus.QUEUED));

        Scrape s = Scrape.of(registry.scrape());
        assertEquals(1, s.value("acqsim_payout_delay_seconds_count{reason=\"weekend\"}"), "one payout, its two weekend intervals summed");
        assertEquals(3 * 86_400, s.value("acqsim_payout_delay_seconds_sum{reason=\"weekend\"}"));
        assertEquals(1, s.value("acqsim_payout_delay_seconds_count{reason=\"holiday\"}"));
        assertEquals(5 * 86_400, s.value("acqsim_payout_delay_seconds_sum{reason=\"holiday\"}"));
        assertEquals(0, s.value("acqsim_payout_delay_seconds_count{reason=\"bank_outage\"}"), "not paid yet: nothing observed");
        assertFalse(s.text().contains("reason=\"none\""));
    }

    static DelayReason reason(ReasonCode code, Instant from, Instant to) {
        return new DelayReason(code, from, to, code.name(), null);
    }

    static Payout paid(List<DelayReason> reasons, PayoutStatus status) {
        Instant promised = THU_2026_10_01_1000;
        Instant paidAt = status == PayoutStatus.PAID ? (reasons.isEmpty() ? promised : reasons.getLast().to()) : null;
        return new Payout("PO-20260930-M00000000000001", "M00000000000001", "PSBC", LocalDate.of(2026, 9, 30), "T1", 1, 100_00, 60, 0,
                100_00 - 60, "CNY", promised, promised, paidAt, status, 1, reasons, List.of());
    }
}
