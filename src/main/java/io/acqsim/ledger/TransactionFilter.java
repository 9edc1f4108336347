package io.acqsim.ledger;

import java.time.LocalDate;

/**
 * Which transactions to list, newest first; null fields match any.
 *
 * @param limit at most this many
 */
public record TransactionFilter(String tid, String merchantId, LocalDate businessDate, TransactionStatus status, int limit) {
}
