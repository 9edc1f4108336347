package io.acqsim.terminal.protocol;

/** A {@link ProtocolState} that lives as long as its terminal: batch 1 and STAN 0 to begin with. Not thread-safe. */
public final class InMemoryState implements ProtocolState {
    private int stan;
    private int batch = 1;
    private PendingReversal pendingReversal;

    @Override
    public int stan() { return stan; }

    @Override
    public void stan(int stan) { this.stan = stan; }

    @Override
    public int batch() { return batch; }

    @Override
    public void batch(int batch) { this.batch = batch; }

    @Override
    public PendingReversal pendingReversal() { return pendingReversal; }

    @Override
    public void pendingReversal(PendingReversal p) { this.pendingReversal = p; }
}
