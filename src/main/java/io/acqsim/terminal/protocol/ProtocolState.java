package io.acqsim.terminal.protocol;

/**
 * What {@link TerminalProtocol} remembers between requests, kept where its owner wants it: the
 * emulated terminal persists it in its state file, the load generator in memory. Every write is
 * complete when the method returns, so a reversal recorded here survives a terminal that dies before
 * its request's answer.
 */
public interface ProtocolState {
    /** The last STAN used, 0 before the first. */
    int stan();

    void stan(int stan);

    /** The batch number the terminal sends in field 60. */
    int batch();

    void batch(int batch);

    /** The reversal owed, or null. */
    PendingReversal pendingReversal();

    /** Records (or, with null, clears) the reversal owed. */
    void pendingReversal(PendingReversal p);
}
