package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Brings the ledger's tables up to date from the journal, off the hot path: one thread gathers written
 * changes for up to {@value #GATHER_MS} ms (or {@code max} of them, or until a reader is waiting — see
 * {@link #hurry}), applies them in journal order in one database transaction together with the new
 * applied sequence number, commits, and then reports how far the tables are applied. Large
 * transactions are the point: a commit rewrites every B-tree page it touched, and with many terminals
 * each index leaf then takes many rows per rewrite instead of one. It runs at a lower OS priority
 * ({@link BackgroundPriority}). A failed apply is rolled back and retried (after 1 s, growing to 30 s) — the
 * journal still holds every change, so nothing is lost, but reads that wait for the tables wait. A connection
 * the database dropped (a PostgreSQL server restarted, a network cut) is replaced before the retry, and what the
 * tables already hold of the batch (a commit whose answer was lost with the connection) is not applied again.
 */
final class JournalApplier implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(JournalApplier.class);

    /** Opens a new connection for the applier, as the first one was opened. */
    interface Reconnect {
        Connection open() throws SQLException;
    }

    private final BlockingQueue<JournalWriter.Written> queue = new LinkedBlockingQueue<>();
    /** Used by the applier's thread only, and by {@link #close} after it ended. */
    private volatile Connection connection;
    private final Reconnect reconnect;
    private final int max;
    private final BiConsumer<List<LedgerChange>, Long> applied;
    private final Thread thread;
    /**
     * How long the applier gathers changes before it applies them, unless a reader is waiting. Longer
     * costs less CPU per change (measured: 0.094 ms at 20 ms, 0.087 at 100, 0.070 at 1,000, at ~5,000
     * purchases/s) but makes longer bursts of work beside the hot path; 200 ms is between the two.
     */
    static final long GATHER_MS = 200;

    /**
     * The applier's nice value: it runs when the hot path leaves a CPU free, and under a load that
     * leaves none it falls behind, gathers larger (cheaper) transactions and is held to
     * {@link JournalCapture#MAX_BEHIND} by the writers waiting.
     */
    static final int BACKGROUND_NICE = 10;

    private volatile boolean running = true;
    private volatile boolean hurry;
    private long commits;
    private long changes;

    /** {@code applied} is told, after each commit, the changes and the sequence number now applied. */
    JournalApplier(Connection connection, Reconnect reconnect, int max, BiConsumer<List<LedgerChange>, Long> applied) throws SQLException {
        this.connection = connection;
        this.reconnect = reconnect;
        this.max = max;
        this.applied = applied;
        connection.setAutoCommit(false);
        thread = Thread.ofPlatform().name("ledger-applier").daemon(true).start(this::run);
    }

    /** Applies, now and on the caller's thread, changes read back from the journal at open. */
    static void applyAll(Connection c, List<LedgerChange> changes, long firstSeq, int chunk) throws SQLException {
        c.setAutoCommit(false);
        for (int from = 0; from < changes.size(); from += chunk) {
            List<LedgerChange> part = changes.subList(from, Math.min(changes.size(), from + chunk));
            LedgerTables.apply(c, part, firstSeq + from + part.size() - 1);
            c.commit();
        }
    }

    /** Queues changes the journal has written, in sequence order. */
    void written(List<JournalWriter.Written> group) {
        queue.addAll(group);
    }

    private void run() {
        BackgroundPriority.lower(BACKGROUND_NICE);
        List<JournalWriter.Written> batch = new ArrayList<>(max);
        List<LedgerChange> changeList = new ArrayList<>(max);
        Duration backoff = Duration.ofSeconds(1);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    JournalWriter.Written first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    batch.add(first);
                    gather(batch);
                }
                recover(batch);
                if (batch.isEmpty()) continue;
                changeList.clear();
                for (JournalWriter.Written p : batch) changeList.add(p.change());
                long through = batch.getLast().seq();
                if (apply(changeList, through)) {
                    applied.accept(changeList, through);
                    batch.clear();
                    backoff = Duration.ofSeconds(1);
                } else {
                    if (!running) break;
                    Thread.sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** Adds what arrives for up to {@link #GATHER_MS} ms, until {@code max} or a reader is waiting. */
    private void gather(List<JournalWriter.Written> batch) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MS);
        queue.drainTo(batch, max - batch.size());
        while (batch.size() < max && !hurry && running) {
            long left = until - System.nanoTime();
            if (left <= 0) break;
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(5)));
            queue.drainTo(batch, max - batch.size());
        }
        hurry = false;
    }

    /** A reader waits for the tables: apply what is gathered now rather than at the end of the pause. */
    void hurry() {
        hurry = true;
        LockSupport.unpark(thread);
    }

    private boolean apply(List<LedgerChange> batch, long through) {
        try {
            LedgerTables.apply(connection, batch, through);
            connection.commit();
            commits++;
            changes += batch.size();
            return true;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            LOG.error("applying the ledger journal through entry {} to the tables failed; retrying (the journal keeps every change)", through, e);
            return false;
        }
    }

    /**
     * Before each apply (one database round trip, a few times a second): a connection that is no longer valid is
     * replaced, and the changes of {@code batch} the tables already hold (their applied sequence number says so: a
     * commit whose answer was lost with the old connection) are reported applied and taken out of it. Checking
     * first, rather than after a failure, keeps statements off a connection the server has closed.
     */
    private void recover(List<JournalWriter.Written> batch) {
        try {
            if (connection.isValid(5)) return;
        } catch (SQLException e) {
            LOG.debug("checking the ledger applier's connection failed", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the ledger applier's dropped connection failed", e);
        }
        try {
            Connection c = reconnect.open();
            c.setAutoCommit(false);
            connection = c;
            long appliedSeq = LedgerTables.appliedSeq(c);
            c.rollback();
            int done = 0;
            while (done < batch.size() && batch.get(done).seq() <= appliedSeq) done++;
            if (done > 0) {
                List<JournalWriter.Written> held = batch.subList(0, done);
                applied.accept(held.stream().map(JournalWriter.Written::change).toList(), held.getLast().seq());
                held.clear();
            }
            LOG.warn("the ledger journal applier reconnected to the database; the tables hold the journal through entry {}", appliedSeq);
        } catch (SQLException e) {
            LOG.error("the ledger journal applier cannot reconnect to the database yet: {}", e.getMessage());
        }
    }

    /** Changes per database commit since start. */
    double changesPerCommit() {
        return commits == 0 ? 0 : (double) changes / commits;
    }

    /** Stops once every queued change is applied (or after 60 s of trying). */
    @Override
    public void close() throws SQLException {
        running = false;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
