package io.acqsim.admin;

/**
 * One endpoint. It runs on its own virtual thread, so it may block (database, simulated-clock jobs).
 * Throw {@link ApiException} for an answer from the error catalogue; any other exception becomes a
 * 500 with a generic message and is logged, and the server goes on serving.
 */
@FunctionalInterface
public interface Handler {
    AdminResponse handle(AdminRequest request) throws Exception;
}
