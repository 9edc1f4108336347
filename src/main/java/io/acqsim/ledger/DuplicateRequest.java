package io.acqsim.ledger;

/**
 * A request whose identity (TID, STAN, request key) the ledger already holds, recorded while this one was in flight:
 * in cluster mode a retransmission that reached another node while the original was still in flight here, or the
 * other way round. Nothing of the write is committed; the host answers with {@link #stored()}'s answer, as one host
 * answers a retransmission of an in-flight request with the original's.
 */
public final class DuplicateRequest extends RuntimeException {
    private final transient TransactionRecord stored;

    public DuplicateRequest(TransactionRecord stored) {
        super("the ledger already holds TID " + stored.tid() + " STAN " + stored.stan() + " key " + stored.requestKey() + " as RRN " + stored.rrn());
        this.stored = stored;
    }

    /** The record that was there first. */
    public TransactionRecord stored() { return stored; }
}
