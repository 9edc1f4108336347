package io.acqsim.host;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.acqsim.message.Outcome;

/**
 * Financial requests the host is still working on, by TID|STAN|request key. It is what makes
 * retransmissions and reversals safe while the original has not reached the ledger yet:
 * <ul>
 *   <li>a retransmission waits for the original's outcome and gets the same answer;</li>
 *   <li>a reversal that arrives while the original waits for its issuer marks it reversed, so a late
 *       issuer approval is written as REVERSED and never settles.</li>
 * </ul>
 * An entry lives from duplicate check to the end of its transaction; after that the ledger knows it.
 * It also remembers the last reversals whose original it had never seen: a request arriving after its
 * own reversal (they travelled on different connections) starts out reversed.
 */
public final class InFlight {
    private static final int EARLY_REVERSALS_KEPT = 10_000;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.Map<String, Boolean> earlyReversals = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > EARLY_REVERSALS_KEPT;
                }
            });

    /** Registers {@code key}; returns null when new, else the entry of the request already in flight. */
    public Entry begin(String key, long amount) {
        Entry fresh = new Entry(amount);
        if (earlyReversals.remove(key) != null) fresh.reversed = true;
        return entries.putIfAbsent(key, fresh);
    }

    /** A reversal of {@code key} found no original, in flight or stored: remember it for a late original. */
    public void reversedBeforeArrival(String key) {
        earlyReversals.put(key, Boolean.TRUE);
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    /** Ends the entry with the outcome a waiting retransmission should copy. */
    public void release(String key, Outcome outcome) {
        Entry e = entries.remove(key);
        if (e != null) e.finish(outcome);
    }

    public int size() {
        return entries.size();
    }

    /** One request in flight. */
    public static final class Entry {
        private enum State { PENDING, WRITING, DONE }

        private final long amount;
        private State state = State.PENDING;
        private boolean reversed;
        private Outcome outcome;

        Entry(long amount) {
            this.amount = amount;
        }

        public long amount() { return amount; }

        /** The ledger write starts; returns whether a reversal arrived before it. */
        public synchronized boolean beginWrite() {
            state = State.WRITING;
            return reversed;
        }

        /**
         * A reversal of this request: true if it arrived in time to mark the request reversed before its
         * ledger write; false once the write has begun, after waiting for it so the ledger can be read.
         */
        public synchronized boolean reverseOrAwaitWrite(Duration max) throws InterruptedException {
            if (state == State.PENDING) {
                reversed = true;
                return true;
            }
            long deadline = System.nanoTime() + max.toNanos();
            while (state == State.WRITING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return false;
        }

        public synchronized boolean reversed() { return reversed; }

        /** Marks the ledger write done (or skipped), waking reversals that waited for it. */
        public synchronized void written() {
            if (state != State.DONE) state = State.DONE;
            notifyAll();
        }

        synchronized void finish(Outcome o) {
            outcome = o;
            state = State.DONE;
            notifyAll();
        }

        /** Waits for the original's outcome; null when it did not come within {@code max}. */
        public synchronized Outcome awaitOutcome(Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (outcome == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return outcome;
        }
    }
}
