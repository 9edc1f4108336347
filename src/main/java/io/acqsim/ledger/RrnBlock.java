package io.acqsim.ledger;

/**
 * Retrieval reference numbers a host may issue, {@code first} up to but not including {@code end}: on one host
 * everything after the highest the ledger holds; in cluster mode a block no other node is given.
 */
public record RrnBlock(long first, long end) {
    public RrnBlock {
        if (end <= first) throw new IllegalArgumentException("an RRN block from " + first + " must end after it, not at " + end);
    }
}
