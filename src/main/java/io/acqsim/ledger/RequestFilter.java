package io.acqsim.ledger;

/**
 * A Bloom filter over request identities (TID, STAN, request key) of the transactions the ledger holds.
 * "No" is certain and "maybe" is wrong about 1 time in 100 while it holds no more identities than it was
 * sized for; beyond that it says "maybe" more often and the caller reads the ledger more often, never
 * less. 10 bits an identity, at most {@value #MAX_CAPACITY} identities (40 MB). Identities are added,
 * never removed. Thread-safe.
 */
final class RequestFilter {
    private static final int HASHES = 7;
    private static final int BITS_PER_ENTRY = 10;
    static final long MAX_CAPACITY = 32_000_000;

    private final long[] words;
    private final long bits;

    RequestFilter(long capacity) {
        this.bits = Math.clamp(capacity, 1_024, MAX_CAPACITY) * BITS_PER_ENTRY;
        this.words = new long[(int) ((bits + 63) / 64)];
    }

    synchronized void add(String tid, String stan, String requestKey) {
        long h1 = hash(tid, stan, requestKey);
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    synchronized boolean mightContain(String tid, String stan, String requestKey) {
        long h1 = hash(tid, stan, requestKey);
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) return false;
        }
        return true;
    }

    private static long hash(String tid, String stan, String requestKey) {
        long h = 0xCBF29CE484222325L;                       // FNV-1a over the three parts, '|' between them
        h = fnv(h, tid);
        h = (h ^ '|') * 0x100000001B3L;
        h = fnv(h, stan);
        h = (h ^ '|') * 0x100000001B3L;
        h = fnv(h, requestKey);
        return mix(h);
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
        return h;
    }

    private static long mix(long z) {                        // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
