package io.acqsim.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.TransactionFilter;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;

/** {@code GET /api/transactions}: the ledger's transactions, newest first, filtered, at most {@code limit}. */
final class TransactionList {
    /** One transaction as the API shows it; PAN masked 6/4 as stored. */
    record View(String rrn, String kind, String channel, String profile, String mti, String processingCode, String tid,
                String merchantId, String stan, int batch, long amount, String currency, String entryMode, String panMasked,
                String responseCode, String authCode, String status, String originalRrn, long refundedAmount,
                LocalDate businessDate, OffsetDateTime capturedAt) {

        static View of(TransactionRecord t, ZoneId zone) {
            return new View(t.rrn(), t.kind().name(), t.channel().name(), t.profile(), t.mti(), t.processingCode(), t.tid(), t.mid(),
                    t.stan(), t.batchNumber(), t.amount(), t.currency(), t.entryMode(), t.panMasked(), t.responseCode().code(),
                    t.authCode(), t.status().name(), t.originalRrn(), t.refundedAmount(), t.businessDate(),
                    t.capturedAt().atZone(zone).toOffsetDateTime());
        }
    }

    /** Filters; null = any. {@code status} is one of {@link TransactionStatus}'s names (the caller checked). */
    record Filter(String tid, String merchantId, LocalDate businessDate, String status, int limit) {
    }

    private final Ledger ledger;
    private final ZoneId zone;

    TransactionList(Ledger ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    List<View> list(Filter f) {
        TransactionFilter filter = new TransactionFilter(f.tid(), f.merchantId(), f.businessDate(),
                f.status() == null ? null : TransactionStatus.valueOf(f.status()), f.limit());
        return ledger.list(filter).stream().map(t -> View.of(t, zone)).toList();
    }
}
