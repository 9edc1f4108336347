package io.acqsim.settlement;

/** A settlement operation could not be done (database failure, or a request the state does not allow). */
public class SettlementException extends RuntimeException {
    public SettlementException(String message) {
        super(message);
    }

    public SettlementException(String message, Throwable cause) {
        super(message, cause);
    }
}
