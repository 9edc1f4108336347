package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Group commit: one thread takes every write waiting in the queue (up to {@code max}), applies them in a
 * single database transaction and commits once, then completes each caller's future. Callers block on
 * that future, so nothing is acknowledged before its commit — durability is not weakened, only the
 * number of commits shrinks under concurrency. If a group fails, each write is retried alone so one bad
 * write fails only its own caller.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(GroupCommitWriter.class);

    private record Pending(LedgerOp op, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Connection connection;
    private final int max;
    private final Thread thread;
    private volatile boolean running = true;
    private long commits;
    private long writes;

    GroupCommitWriter(Connection connection, int max) throws SQLException {
        this.connection = connection;
        this.max = max;
        connection.setAutoCommit(false);
        thread = Thread.ofPlatform().name("ledger-writer").daemon(true).start(this::run);
    }

    CompletableFuture<Void> submit(LedgerOp op) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new IllegalStateException("ledger is closed"));
            return f;
        }
        queue.add(new Pending(op, f));
        return f;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, max - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
    }

    private void commitGroup(List<Pending> group) {
        try {
            for (Pending p : group) p.op().apply(connection);
            connection.commit();
            commits++;
            writes += group.size();
            group.forEach(p -> p.done().complete(null));
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            for (Pending p : group) commitGroup(new ArrayList<>(List.of(p)));
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.error("ledger rollback failed", e);
        }
    }

    /** Writes per commit so far, for the benchmark notes. */
    double writesPerCommit() {
        return commits == 0 ? 0 : (double) writes / commits;
    }

    @Override
    public void close() throws SQLException {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
