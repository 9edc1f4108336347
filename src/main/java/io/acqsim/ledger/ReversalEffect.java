package io.acqsim.ledger;

/** What a reversal did to its original, stored with the reversal (by name) so the ledger says why. */
public enum ReversalEffect {
    /** The original was still waiting for its issuer: it will be recorded REVERSED whatever the answer. */
    IN_FLIGHT,
    /** No such original (yet): nothing changed; should it still arrive, it is recorded REVERSED. */
    UNKNOWN,
    /** The original was approved and is now REVERSED, out of settlement. */
    REVERSED,
    /** The original was reversed before: a repeat, nothing changed. */
    ALREADY,
    /** The original was declined: nothing to undo. */
    NOT_APPROVED
}
