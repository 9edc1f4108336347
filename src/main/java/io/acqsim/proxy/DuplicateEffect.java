package io.acqsim.proxy;

/** Duplicate: the chunk or message is sent twice, back to back (a repeated 0400, a doubled 0210). */
final class DuplicateEffect implements Effect {
    static final DuplicateEffect INSTANCE = new DuplicateEffect();

    private DuplicateEffect() {
    }

    @Override
    public void apply(Chunk chunk, Flow flow) {
        flow.pass(chunk.bytes().retainedDuplicate());
        flow.pass(chunk.bytes());
    }
}
