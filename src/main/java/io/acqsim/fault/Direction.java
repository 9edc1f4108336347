package io.acqsim.fault;

/**
 * Which way a fault acts: on requests (terminal → host, host → issuer; the proxy's client → target)
 * or on responses (the way back).
 */
public enum Direction {
    REQUEST, RESPONSE
}
