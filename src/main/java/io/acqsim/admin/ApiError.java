package io.acqsim.admin;

/**
 * The one catalogue of admin API errors: every error response the API sends has one of these codes,
 * its HTTP status and, unless the thrower says something more precise, its default message. The
 * body is always {@code {"error": message, "status": N, "code": "NAME"}}.
 */
public enum ApiError {
    UNAUTHORIZED(401, "a valid admin token is required (Authorization: Bearer TOKEN, see DATA/admin.token)"),
    CSRF_TOKEN_MISSING(403, "a write authenticated by the session cookie needs the dashboard page's X-CSRF-Token header;"
            + " API clients send Authorization: Bearer TOKEN"),
    NOT_FOUND(404, "no such route"),
    METHOD_NOT_ALLOWED(405, "method not allowed on this route"),
    BAD_JSON(400, "the request body is not valid JSON for this endpoint"),
    BAD_REQUEST(400, "invalid request"),
    UNKNOWN_MERCHANT(404, "unknown merchant"),
    UNKNOWN_PAYOUT(404, "unknown payout"),
    UNKNOWN_FAULT(404, "unknown fault"),
    CLOCK_BACKWARDS(409, "the simulated clock never moves backwards"),
    CONFLICT(409, "the request conflicts with the current state"),
    BODY_TOO_LARGE(413, "request body larger than 1 MiB"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported Content-Type"),
    INTERNAL(500, "internal error; the host log has the details"),
    /** Cluster mode: the node that answers for this request (another node, the leader) did not answer. */
    NODE_UNREACHABLE(502, "another node of the cluster did not answer"),
    /** Cluster mode: a request only the settlement leader may carry out while no node leads (or the lead is moving). */
    NO_LEADER(503, "the cluster has no settlement leader now; try again in a few seconds"),
    /** Cluster mode: the cluster's tables in the shared database cannot be read. */
    CLUSTER_UNAVAILABLE(503, "the cluster's state cannot be read from the shared database");

    private final int status;
    private final String defaultMessage;

    ApiError(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public int status() { return status; }

    public String defaultMessage() { return defaultMessage; }
}
