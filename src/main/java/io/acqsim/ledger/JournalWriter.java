package io.acqsim.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.ledger.journal.JournalException;
import io.acqsim.ledger.journal.JournalFile;

/**
 * Group commit into the journal: one thread takes every change waiting (up to {@code max}), appends them
 * with one write, then completes each caller's future and hands the group on to be applied. Callers
 * enqueue in sequence order (under the capture's lock) and block on their future, so nothing is
 * acknowledged before it is in the journal. A failed write fails its group and every later change: the
 * journal's order can no longer be trusted, and the host answers 96 rather than approve unrecorded.
 */
final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(JournalWriter.class);

    /** A change waiting for the journal. */
    record Pending(long seq, LedgerChange change, byte[] bytes, CompletableFuture<Void> done) {
    }

    /** A change in the journal, to be applied. */
    record Written(long seq, LedgerChange change) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final JournalFile journal;
    private final int max;
    private final Consumer<List<Written>> written;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long groups;       // written by the journal thread only
    private volatile long entries;

    JournalWriter(JournalFile journal, int max, Consumer<List<Written>> written) {
        this.journal = journal;
        this.max = max;
        this.written = written;
        thread = Thread.ofPlatform().name("ledger-journal").daemon(true).start(this::run);
    }

    /** Queues change {@code seq}; the caller holds the capture's lock, so sequence numbers arrive in order. */
    CompletableFuture<Void> submit(long seq, LedgerChange change, byte[] bytes) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!running || failure != null) {
            f.completeExceptionally(failure != null ? failure : new IllegalStateException("the ledger is closed"));
            return f;
        }
        queue.add(new Pending(seq, change, bytes, f));
        return f;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(max);
        List<byte[]> payloads = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, max - 1);
                write(group, payloads);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
                payloads.clear();
            }
        }
    }

    private void write(List<Pending> group, List<byte[]> payloads) {
        if (failure != null) {
            group.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        try {
            for (Pending p : group) payloads.add(p.bytes());
            long last = journal.append(payloads);
            if (last != group.getLast().seq()) throw new JournalException("journal sequence " + last + " where the ledger expected "
                    + group.getLast().seq(), null);
            groups++;
            entries += group.size();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("the ledger journal failed; every ledger write is refused from now on", e);
            group.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        group.forEach(p -> p.done().complete(null));
        List<Written> out = new ArrayList<>(group.size());
        for (Pending p : group) out.add(new Written(p.seq(), p.change()));
        written.accept(out);
    }

    /** Entries written since start. */
    long entries() {
        return entries;
    }

    /** Entries per journal write since start. */
    double entriesPerWrite() {
        return groups == 0 ? 0 : (double) entries / groups;
    }

    /** Stops once every queued change is written. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
