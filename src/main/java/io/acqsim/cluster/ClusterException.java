package io.acqsim.cluster;

/** The cluster's tables cannot be read or written (the shared database is unreachable or refuses). */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
