package io.acqsim.ledger;

/** The ledger could not be opened, read or written; the host answers 96 rather than lie. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
