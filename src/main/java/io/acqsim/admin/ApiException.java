package io.acqsim.admin;

import java.util.Objects;

/**
 * A failure a handler reports to the API client: it becomes an error response with the catalogue
 * entry's status and code and this exception's message. The message is shown to users, so it says
 * what was wrong in their terms ("no payout 42", "cannot move the clock back from ... to ...").
 * Unchecked, so domain code and record constructors can throw it too.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error, String message) {
        super(message == null || message.isBlank() ? Objects.requireNonNull(error, "error").defaultMessage() : message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** With the catalogue's default message. */
    public ApiException(ApiError error) {
        this(error, null);
    }

    public ApiError error() { return error; }

    public int status() { return error.status(); }
}
