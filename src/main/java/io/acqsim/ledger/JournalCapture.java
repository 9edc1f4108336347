package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.ledger.LedgerChange.BatchClosed;
import io.acqsim.ledger.LedgerChange.Recorded;
import io.acqsim.ledger.LedgerChange.Reversed;
import io.acqsim.ledger.LedgerChange.SignedOff;
import io.acqsim.ledger.LedgerChange.SignedOn;
import io.acqsim.ledger.LedgerChange.TerminalSeen;
import io.acqsim.ledger.LedgerChange.UploadStarted;
import io.acqsim.ledger.LedgerChange.Uploaded;
import io.acqsim.ledger.journal.JournalFile;
import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * The one-host {@link Capture}: a write is decided against memory ({@link OpenState}), given the next
 * journal sequence number under one lock, made durable by a group-committed journal append
 * ({@link JournalWriter}) and acknowledged; the tables are brought up to date from it later in large
 * transactions ({@link JournalApplier}), and memory forgets what they then hold. At open, the journal's
 * tail not yet in the tables is applied before anything else can happen.
 * <p>
 * Why a journal: the durability point is one sequential append per group instead of a database commit
 * that rewrites B-tree pages per group (docs/BENCHMARKS.md, "The ledger journal").
 */
final class JournalCapture implements Capture {
    private static final Logger LOG = LogManager.getLogger(JournalCapture.class);
    /** A journal segment is closed and a new one started past this size; applied segments are deleted. */
    static final long SEGMENT_BYTES = 16L << 20;
    private static final int APPLY_MAX = 4096;
    private static final long READ_WAIT_MS = 60_000;
    /**
     * Most changes written to the journal and not yet applied before a new write waits: bounds what
     * memory holds (under 1 KB a change) when the tables cannot keep up with the terminals for long.
     */
    static final long MAX_BEHIND = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final LedgerReads tables;
    private final OpenState state;
    private final RequestFilter requests;
    private volatile boolean requestsLoaded;
    private final JournalFile journal;
    private final JournalWriter writer;
    private final JournalApplier applier;
    private final Object appliedMonitor = new Object();
    private volatile long assigned;
    private volatile long applied;

    private JournalCapture(LedgerReads tables, RequestFilter requests, JournalFile journal, Connection applierConnection,
            JournalApplier.Reconnect reconnect, int groupMax) throws SQLException {
        this.tables = tables;
        this.state = new OpenState(tables);
        this.requests = requests;
        this.journal = journal;
        this.assigned = journal.lastSeq();
        this.applied = journal.lastSeq();
        this.applier = new JournalApplier(applierConnection, reconnect, APPLY_MAX, this::appliedThrough);
        this.writer = new JournalWriter(journal, groupMax, applier::written);
    }

    /**
     * Opens the journal in {@code s.journal()}, applies whatever of it the tables lack, and starts the
     * writer and applier. {@code rows} sizes the request filter.
     */
    static JournalCapture open(LedgerSettings s, LedgerReads tables, long rows) throws SQLException {
        Connection c = LedgerSchema.writerConnection(s.url(), s.user(), s.password());
        try {
            long appliedSeq = LedgerTables.appliedSeq(c);
            List<LedgerChange> tail = new ArrayList<>();
            long[] first = {-1};
            Consumer<JournalFile.Entry> replay = e -> {
                if (first[0] < 0) first[0] = e.seq();
                tail.add(ChangeCodec.decode(e.payload()));
            };
            JournalFile journal = JournalFile.open(s.journal(), s.sync(), SEGMENT_BYTES, appliedSeq, replay);
            if (!tail.isEmpty()) {
                if (first[0] != appliedSeq + 1) {
                    throw new LedgerException("the ledger journal in " + s.journal() + " resumes at entry " + first[0] + " but the tables are applied"
                            + " through entry " + appliedSeq + ": entries in between are missing, so the journal does not belong to these tables", null);
                }
                JournalApplier.applyAll(c, tail, first[0], APPLY_MAX);
                LOG.info("applied {} ledger journal entries ({} to {}) left unapplied by the last run", tail.size(), first[0], journal.lastSeq());
            }
            journal.deleteThrough(journal.lastSeq());
            return new JournalCapture(tables, new RequestFilter(2 * rows + 4_000_000), journal, c,
                    () -> LedgerSchema.writerConnection(s.url(), s.user(), s.password()), s.groupMax());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void record(TransactionRecord t) {
        boolean identityMayExist = mayHoldRequest(t.tid(), t.stan(), t.requestKey());
        requests.add(t.tid(), t.stan(), t.requestKey());       // before the change can exist: mayHoldRequest never misses it
        journal(new Recorded(t), seq -> state.record(t, identityMayExist, seq));
    }

    @Override
    public void reverse(Reversal r) {
        Reversed change = Reversed.of(r);
        journal(change, seq -> state.reverse(change, seq));
    }

    @Override
    public int signOn(String tid, String mid, Instant at) {
        CompletableFuture<Void> done;
        int open;
        lock.lock();
        try {
            state.create(tid);
            open = state.openBatch(tid);
            done = submit(new SignedOn(tid, mid, at));
        } finally {
            lock.unlock();
        }
        await(done);
        return open;
    }

    @Override
    public void signOff(String tid) {
        write(new SignedOff(tid), () -> { });
    }

    @Override
    public int ensureTerminal(String tid, String mid, Instant at) {
        CompletableFuture<Void> done;
        lock.lock();
        try {
            if (!state.create(tid)) return state.openBatch(tid);
            done = submit(new TerminalSeen(tid, mid, at));
        } finally {
            lock.unlock();
        }
        await(done);
        return 1;
    }

    @Override
    public void startUpload(String tid, int batch) {
        write(new UploadStarted(tid, batch), () -> state.startUpload(tid, batch));
    }

    @Override
    public void upload(String tid, int batch, List<UploadRow> rows, Instant at) {
        write(new Uploaded(tid, batch, List.copyOf(rows), at), () -> { });
    }

    @Override
    public int closeBatch(String tid, int batch, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at) {
        BatchClosed change = new BatchClosed(tid, batch, batch % 999_999 + 1, status, terminal, host, at);
        write(change, () -> state.closeBatch(change));
        return change.next();
    }

    /** What a change does to memory, decided under the lock as change number {@code seq}; may refuse by throwing. */
    private interface Decision {
        void apply(long seq);
    }

    /**
     * Encodes {@code change}, waits if the tables are too far behind, then under the lock lets memory
     * decide it and queues it for the journal in sequence order; returns once it is durable.
     */
    private void journal(LedgerChange change, Decision toMemory) {
        byte[] bytes = ChangeCodec.encode(change);
        throttle();
        CompletableFuture<Void> done;
        lock.lock();
        try {
            long seq = assigned + 1;
            toMemory.apply(seq);
            done = submit(seq, change, bytes);
        } finally {
            lock.unlock();
        }
        await(done);
    }

    private void write(LedgerChange change, Runnable toMemory) {
        journal(change, seq -> toMemory.run());
    }

    /** Under the lock: gives {@code change} the next sequence number and queues it for the journal. */
    private CompletableFuture<Void> submit(LedgerChange change) {
        return submit(assigned + 1, change, ChangeCodec.encode(change));
    }

    private CompletableFuture<Void> submit(long seq, LedgerChange change, byte[] bytes) {
        assigned = seq;
        return writer.submit(seq, change, bytes);
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            throw new LedgerException("ledger write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    // ---- lookups -----------------------------------------------------------------------------

    @Override
    public boolean mayHoldRequest(String tid, String stan, String requestKey) {
        if (!requestsLoaded) loadRequests();
        return requests.mightContain(tid, stan, requestKey);
    }

    private synchronized void loadRequests() {
        if (requestsLoaded) return;
        tables.requestsInto(requests);
        requestsLoaded = true;
    }

    @Override
    public Optional<TransactionRecord> byRrn(String rrn) {
        return state.byRrn(rrn);
    }

    @Override
    public Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        return state.byRequest(tid, stan, requestKey);
    }

    @Override
    public Optional<Integer> openBatch(String tid) {
        return underLock(() -> Optional.ofNullable(state.openBatch(tid)));
    }

    @Override
    public Optional<BatchStatus> openBatchStatus(String tid, int batch) {
        return underLock(() -> state.openBatchStatus(tid, batch));
    }

    @Override
    public Optional<BatchTotals> openBatchTotals(String tid, int batch) {
        return underLock(() -> state.openBatchTotals(tid, batch));
    }

    private <T> T underLock(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Every RRN after the highest the ledger holds: this host is the ledger's only writer. */
    @Override
    public RrnBlock nextRrnBlock() {
        awaitApplied();
        return new RrnBlock(tables.maxRrn() + 1, Long.MAX_VALUE);
    }

    // ---- the tables --------------------------------------------------------------------------

    /** Called by the applier after each commit. */
    private void appliedThrough(List<LedgerChange> changes, long seq) {
        lock.lock();
        try {
            for (LedgerChange c : changes) state.applied(c, seq);
        } finally {
            lock.unlock();
        }
        synchronized (appliedMonitor) {
            applied = seq;
            appliedMonitor.notifyAll();
        }
        journal.deleteThrough(seq);
    }

    @Override
    public void awaitApplied() {
        awaitApplied(assigned);
    }

    /**
     * Holds a new write back while the tables are more than {@link #MAX_BEHIND} changes behind the
     * journal, until the applier's next commit brings them within it (one apply, at most
     * {@value #APPLY_MAX} changes).
     */
    private void throttle() {
        if (assigned - applied > MAX_BEHIND) awaitApplied(assigned - MAX_BEHIND);
    }

    private void awaitApplied(long target) {
        if (applied >= target) return;
        applier.hurry();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MS);
        synchronized (appliedMonitor) {
            while (applied < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new LedgerException("the ledger's tables are " + (target - applied) + " journal entries behind after "
                            + READ_WAIT_MS / 1000 + " s; the log says why they cannot be applied", null);
                }
                try {
                    appliedMonitor.wait(Math.min(left, 10));
                    applier.hurry();                          // the entry may have reached the applier only now
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LedgerException("interrupted while waiting for the ledger's tables", e);
                }
            }
        }
    }

    @Override
    public CaptureFigures figures() {
        long written = writer.entries();
        return new CaptureFigures(writer.entriesPerWrite(), applier.changesPerCommit(), assigned - applied, journal.sizeOnDisk(),
                written == 0 ? 0 : (double) journal.bytesWritten() / written, state.held());
    }

    /** Writes and applies everything queued, then closes; an empty journal is deleted. */
    @Override
    public void close() {
        writer.close();
        try {
            applier.close();
        } catch (SQLException e) {
            throw new LedgerException("closing the ledger applier failed", e);
        } finally {
            journal.close(applied);
        }
    }
}
