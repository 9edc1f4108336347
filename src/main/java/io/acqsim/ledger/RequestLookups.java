package io.acqsim.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Cluster mode's duplicate check, the one read every purchase makes: concurrent look-ups by request identity (TID,
 * STAN, request key) are answered together, every identity waiting (up to {@code max}) in one query on a
 * connection of a few threads' own — one round trip and one statement for many requests instead of one each, as the
 * writers group commits. A query that fails on a connection that died is asked once more on a new one (a read is
 * safe to repeat); otherwise its callers get a {@link LedgerException} (the host answers 96), as they do when they
 * waited longer than {@link DatabaseWriter#QUEUE_WAIT_MS}.
 */
final class RequestLookups implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RequestLookups.class);
    /**
     * One probe of the request identity's unique index per identity asked, whatever the planner thinks of the table's
     * size: a LATERAL subquery with LIMIT is never flattened into a join, which on a young table's statistics could
     * become a hash join over every row.
     */
    static final String QUERY = "SELECT t.* FROM unnest(?::varchar[], ?::bpchar[], ?::varchar[]) AS k(tid, stan, request_key) "
            + "CROSS JOIN LATERAL (SELECT * FROM transactions x WHERE x.tid = k.tid AND x.stan = k.stan AND x.request_key = k.request_key "
            + "LIMIT 1) t";

    private record Pending(String tid, String stan, String requestKey, CompletableFuture<Optional<TransactionRecord>> done, long queuedAt) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DatabaseWriter.Connector connector;
    private final int max;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    RequestLookups(DatabaseWriter.Connector connector, int max, int readers) {
        this.connector = connector;
        this.max = max;
        for (int i = 0; i < readers; i++) threads.add(Thread.ofPlatform().name("ledger-db-lookup-" + i).daemon(true).start(this::run));
    }

    Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        CompletableFuture<Optional<TransactionRecord>> f = new CompletableFuture<>();
        if (!running) throw new LedgerException("the ledger is closed", null);
        queue.add(new Pending(tid, stan, requestKey, f, System.nanoTime()));
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof LedgerException l ? l : new LedgerException("ledger read failed: " + e.getCause(), e.getCause());
        }
    }

    private void run() {
        Connection c = null;
        List<Pending> batch = new ArrayList<>(max);
        while (running) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, max - 1);
                long now = System.nanoTime();
                batch.removeIf(p -> {
                    if (now - p.queuedAt() <= TimeUnit.MILLISECONDS.toNanos(DatabaseWriter.QUEUE_WAIT_MS)) return false;
                    p.done().completeExceptionally(new LedgerException("not read: the ledger database answered no look-ups for "
                            + DatabaseWriter.QUEUE_WAIT_MS / 1000 + " s", null));
                    return true;
                });
                if (!batch.isEmpty()) c = answer(c, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.error("ledger look-ups: unexpected failure", e);
                for (Pending p : batch) p.done().completeExceptionally(new LedgerException("ledger read failed: " + e, e));
            } finally {
                batch.clear();
            }
        }
        close(c);
        for (Pending p; (p = queue.poll()) != null; ) p.done().completeExceptionally(new LedgerException("the ledger is closed", null));
    }

    /** Answers {@code batch}; returns the connection to use next (null: open a new one). */
    private Connection answer(Connection c, List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            boolean fresh = c == null;
            try {
                if (c == null) c = connector.connect();
                Map<String, TransactionRecord> found = query(c, batch);
                for (Pending p : batch) {
                    p.done().complete(Optional.ofNullable(found.get(TransactionRecord.requestId(p.tid(), p.stan(), p.requestKey()))));
                }
                return c;
            } catch (SQLException e) {
                c = close(c);
                if (attempt == 1 && !fresh) continue;       // the connection had died while idle: once more on a new one
                LedgerException failed = new LedgerException("ledger read failed: " + e.getMessage(), e);
                for (Pending p : batch) p.done().completeExceptionally(failed);
                return null;
            }
        }
    }

    private static Map<String, TransactionRecord> query(Connection c, List<Pending> batch) throws SQLException {
        String[] tids = new String[batch.size()];
        String[] stans = new String[batch.size()];
        String[] keys = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            tids[i] = batch.get(i).tid();
            stans[i] = batch.get(i).stan();
            keys[i] = batch.get(i).requestKey();
        }
        Map<String, TransactionRecord> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            Array[] arrays = {c.createArrayOf("varchar", tids), c.createArrayOf("bpchar", stans), c.createArrayOf("varchar", keys)};
            for (int i = 0; i < arrays.length; i++) ps.setArray(i + 1, arrays[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TransactionRecord t = LedgerReads.read(rs);
                    found.put(TransactionRecord.requestId(t.tid(), t.stan(), t.requestKey()), t);
                }
            }
            for (Array a : arrays) a.free();
        }
        return found;
    }

    private static Connection close(Connection c) {
        return Sql.closeQuietly(c, LOG, "a failed ledger look-up connection");
    }

    @Override
    public void close() {
        running = false;
        Sql.join(threads, TimeUnit.SECONDS.toMillis(10));
    }
}
