package io.acqsim.ledger.journal;

/** The ledger journal could not be opened, read or written. */
public final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
