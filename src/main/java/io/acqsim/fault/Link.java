package io.acqsim.fault;

/** Where a network fault acts: terminal ↔ host, host ↔ issuer, host ↔ settlement bank. */
public enum Link {
    TERMINAL, ISSUER, BANK
}
