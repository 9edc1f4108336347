package io.acqsim.ledger;

/** Where a terminal batch stands; stored by name in {@code batches.status}. */
public enum BatchStatus {
    /** Taking transactions. */
    OPEN,
    /** Settled unbalanced; the terminal is uploading its transactions before it closes the batch. */
    UPLOADING,
    /** Closed with totals that agreed (at once or after the upload). */
    CLOSED,
    /** Closed after an upload whose totals still did not agree with the host's. */
    CLOSED_UNBALANCED
}
