package io.acqsim.host;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.acqsim.ledger.RrnBlock;
import io.acqsim.message.Digits;

/**
 * Retrieval reference numbers (12 digits) from the blocks the ledger gives this host (one host: everything
 * after the ledger's highest; cluster mode: blocks no other node issues); and auth codes.
 */
public final class RrnSequence {
    private final Supplier<RrnBlock> blocks;
    private volatile Block current;

    /** The RRNs of one block; {@code next} is the next one to issue. */
    private record Block(AtomicLong next, long end) {
    }

    public RrnSequence(Supplier<RrnBlock> blocks) {
        this.blocks = blocks;
        this.current = block(blocks.get());
    }

    public String next() {
        while (true) {
            Block b = current;
            long n = b.next().getAndIncrement();
            if (n < b.end()) return Digits.fixed(n % 1_000_000_000_000L, 12);
            synchronized (this) {
                if (current == b) current = block(blocks.get());
            }
        }
    }

    private static Block block(RrnBlock b) {
        return new Block(new AtomicLong(b.first()), b.end());
    }

    /** A six-digit authorisation code; never all zeros. */
    public static String authCode() {
        return Digits.fixed(ThreadLocalRandom.current().nextInt(1, 1_000_000), 6);
    }
}
