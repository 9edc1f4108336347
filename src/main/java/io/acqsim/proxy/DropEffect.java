package io.acqsim.proxy;

/**
 * drop-request and drop-response: the chunk or message is discarded in the rule's direction; the
 * connection stays up and everything else passes. Dropping a 0210 makes the terminal time out and
 * reverse a sale the host approved.
 */
final class DropEffect implements Effect {
    static final DropEffect INSTANCE = new DropEffect();

    private DropEffect() {
    }

    @Override
    public void apply(Chunk chunk, Flow flow) {
        chunk.bytes().release();
    }
}
