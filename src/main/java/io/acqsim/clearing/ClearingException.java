package io.acqsim.clearing;

/** Clearing could not read or store what it needed (a database failure). */
public final class ClearingException extends RuntimeException {
    public ClearingException(String message, Throwable cause) {
        super(message, cause);
    }
}
