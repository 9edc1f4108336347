package io.acqsim.keys;

/** A key operation failed: a key that does not match its check value, a wrong length, a module error. Never carries key material. */
public final class KeyException extends RuntimeException {
    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
