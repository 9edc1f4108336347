package io.acqsim.proxy;

/**
 * Connection events that travel through the pipeline in order with the data, so a delayed chunk
 * still arrives before the FIN or close that followed it.
 */
enum Control {
    /** This side shut its output down (FIN): shut the peer's output down once everything before it is written. */
    EOF,
    /** This side is gone: close the peer once everything before it is written. */
    CLOSED,
    /** A fault ends the session: write everything before it, then close both sides (FIN). */
    CLOSE_BOTH
}
