package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Group commit into the shared database: a few threads, each on its own connection, take every change
 * waiting (up to {@code max}) and apply them in ONE transaction ({@link DatabaseChanges}), then complete
 * each caller's future after the commit — with its result, or with the refusal its decision gave
 * (a refused change writes nothing and does not fail the others of its group).
 * <p>
 * When the database cannot be reached, or the commit fails, every change of the group fails with a
 * {@link LedgerException} and the host answers 96 rather than approve what it could not record; the next
 * group opens a new connection, so the node recovers by itself when the database is back. A change that
 * waited longer than {@link #QUEUE_WAIT_MS} for a writer is failed unwritten, so callers hear within a
 * few seconds, never an approval the database might take later. A group that lost a deadlock or a
 * serialisation conflict with another node's group, or whose connection died before its commit was sent
 * (so the server rolled it back), is tried once more; a failed commit is never retried (its fate is unknown).
 */
final class DatabaseWriter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(DatabaseWriter.class);
    /** Longest a change waits for a writer before it fails unwritten. */
    static final long QUEUE_WAIT_MS = 4_000;

    /** How a writer gets a new connection (its own, not pooled: it holds it for good). */
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** A change waiting for a group. */
    private record Pending(LedgerChange change, CompletableFuture<Object> done, long queuedAt) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Connector connector;
    private final int max;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();

    DatabaseWriter(Connector connector, int max, int writers) {
        this.connector = connector;
        this.max = max;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().name("ledger-db-writer-" + i).daemon(true).start(this::run));
        }
    }

    /** Queues {@code change}; the future completes after its group's commit with what the change returned. */
    CompletableFuture<Object> submit(LedgerChange change) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new LedgerException("the ledger is closed", null));
            return f;
        }
        queue.add(new Pending(change, f, System.nanoTime()));
        return f;
    }

    /** Changes committed per group, since start. */
    double changesPerGroup() {
        long g = groups.get();
        return g == 0 ? 0 : (double) changes.get() / g;
    }

    private void run() {
        Connection c = null;
        List<Pending> group = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, max - 1);
                failExpired(group);
                if (!group.isEmpty()) c = commit(c, group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.error("ledger writer: unexpected failure", e);
                for (Pending p : group) p.done().completeExceptionally(new LedgerException("ledger write failed: " + e, e));
                c = closeQuietly(c);
            } finally {
                group.clear();
            }
        }
        closeQuietly(c);
    }

    private static void failExpired(List<Pending> group) {
        long now = System.nanoTime();
        group.removeIf(p -> {
            if (now - p.queuedAt() <= TimeUnit.MILLISECONDS.toNanos(QUEUE_WAIT_MS)) return false;
            p.done().completeExceptionally(new LedgerException("not written: the ledger database took no writes for "
                    + QUEUE_WAIT_MS / 1000 + " s", null));
            return true;
        });
    }

    /** Applies and commits {@code group}, completing its futures; returns the connection to use next (null: reconnect). */
    private Connection commit(Connection c, List<Pending> group) {
        List<LedgerChange> list = new ArrayList<>(group.size());
        for (Pending p : group) list.add(p.change());
        for (int attempt = 1; ; attempt++) {
            boolean committing = false;
            try {
                if (c == null) {
                    c = connector.connect();
                    c.setAutoCommit(false);
                }
                List<Object> results = DatabaseChanges.apply(c, list);
                committing = true;
                c.commit();
                groups.incrementAndGet();
                changes.addAndGet(group.size());
                for (int i = 0; i < group.size(); i++) {
                    Object r = results.get(i);
                    if (r instanceof RuntimeException refused) group.get(i).done().completeExceptionally(refused);
                    else group.get(i).done().complete(r);
                }
                return c;
            } catch (SQLException e) {
                boolean lostRace = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (lostRace && attempt == 1 && rolledBack(c)) {
                    LOG.info("ledger group of {} lost a race with another writer ({}); trying it again", group.size(), e.getMessage());
                    continue;
                }
                if (attempt == 1 && !committing && c != null && broken(e)) {
                    // the connection died before the commit was sent (idle since the database restarted, or its backend
                    // was terminated), so the server rolled the group back: safe to try once more on a new connection
                    LOG.info("ledger writer connection lost ({}); reconnecting", e.getMessage());
                    c = closeQuietly(c);
                    continue;
                }
                LOG.warn("ledger group of {} changes failed: {}", group.size(), e.getMessage());
                LedgerException failed = new LedgerException("ledger write failed: " + e.getMessage(), e);
                for (Pending p : group) p.done().completeExceptionally(failed);
                return rolledBack(c) && !broken(e) ? c : closeQuietly(c);
            }
        }
    }

    /** SQLSTATE class 08 (connection exception) and 57P (operator intervention, e.g. the backend terminated). */
    private static boolean broken(SQLException e) {
        String s = e.getSQLState();
        return s == null || s.startsWith("08") || s.startsWith("57P");
    }

    private static boolean rolledBack(Connection c) {
        if (c == null) return false;
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection closeQuietly(Connection c) {
        return Sql.closeQuietly(c, LOG, "a failed ledger writer connection");
    }

    /** Commits everything queued, then stops the writers. */
    @Override
    public void close() {
        running = false;
        Sql.join(threads, TimeUnit.SECONDS.toMillis(30));
        if (Thread.currentThread().isInterrupted()) return;
        for (Pending p; (p = queue.poll()) != null; ) p.done().completeExceptionally(new LedgerException("the ledger is closed", null));
    }
}
