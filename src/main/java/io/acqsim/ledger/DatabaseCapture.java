package io.acqsim.ledger;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.acqsim.ledger.LedgerChange.BatchClosed;
import io.acqsim.ledger.LedgerChange.Recorded;
import io.acqsim.ledger.LedgerChange.Reversed;
import io.acqsim.ledger.LedgerChange.SignedOff;
import io.acqsim.ledger.LedgerChange.SignedOn;
import io.acqsim.ledger.LedgerChange.TerminalSeen;
import io.acqsim.ledger.LedgerChange.UploadStarted;
import io.acqsim.ledger.LedgerChange.Uploaded;
import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * Cluster mode's {@link Capture}: several host nodes share one PostgreSQL ledger, so the durability point
 * is a group-committed transaction in that database ({@link DatabaseWriter}, decisions under the rows'
 * locks in {@link DatabaseChanges}) and every lookup reads it — one node's memory cannot see another
 * node's approvals, voids or batch closes. A retransmission, void, refund or reversal of a transaction
 * another node took therefore behaves exactly as on one host; the tables are always current, so
 * {@link #awaitApplied} has nothing to wait for.
 * <p>
 * The duplicate check every purchase makes is answered in groups too ({@link RequestLookups}); other lookups
 * run on a pool of their own with short timeouts, and writers on connections of their own: a
 * node that cannot reach the database fails the request within a few seconds ({@link LedgerException},
 * answered 96) instead of approving what it cannot record, and reconnects by itself when it is back.
 */
final class DatabaseCapture implements Capture {
    /** Writer threads, each committing groups on its own connection: one builds a group while another waits for its commit. */
    private static final int WRITERS = 2;
    private static final int LOOKUP_CONNECTIONS = 16;
    /** RRNs a node takes from the shared sequence at a time. */
    static final long RRN_BLOCK = 10_000;
    /** The writers' {@code application_name} in {@code pg_stat_activity}. */
    static final String WRITER_NAME = "acqsim-ledger-writer";
    /** Seconds to open a connection, and longest wait for any answer on one (pgjdbc {@code connectTimeout}, {@code socketTimeout}). */
    private static final int CONNECT_SECONDS = 3;
    private static final int SOCKET_SECONDS = 5;
    /** Server-side limits, below the socket timeout so the server gives up first and the connection stays usable. */
    private static final String SERVER_LIMITS = "-c statement_timeout=4000 -c lock_timeout=3000";

    private final HikariDataSource lookupPool;
    private final LedgerReads lookups;
    private final RequestLookups requests;
    private final DatabaseWriter writer;

    private DatabaseCapture(HikariDataSource lookupPool, RequestLookups requests, DatabaseWriter writer) {
        this.lookupPool = lookupPool;
        this.lookups = new LedgerReads(lookupPool);
        this.requests = requests;
        this.writer = writer;
    }

    /** Starts the lookup pool and the writers on the PostgreSQL ledger {@code s.url()} (migrated already). */
    static DatabaseCapture open(LedgerSettings s) {
        Properties props = connectionProperties(s);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(s.url());
        hc.setMaximumPoolSize(LOOKUP_CONNECTIONS);
        hc.setConnectionTimeout(CONNECT_SECONDS * 1000L);
        hc.setValidationTimeout(CONNECT_SECONDS * 1000L);
        hc.setPoolName("ledger-lookups");
        hc.setDataSourceProperties(props);
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            new LedgerReads(pool).startRrnBlocksAfterStoredRrns(RRN_BLOCK);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        Properties writerProps = new Properties();
        writerProps.putAll(props);
        writerProps.setProperty("ApplicationName", WRITER_NAME);
        DatabaseWriter writer = new DatabaseWriter(() -> DriverManager.getConnection(s.url(), writerProps), Math.max(1, s.groupMax()), WRITERS);
        RequestLookups requests = new RequestLookups(() -> DriverManager.getConnection(s.url(), props), Math.max(1, s.groupMax()), WRITERS);
        return new DatabaseCapture(pool, requests, writer);
    }

    private static Properties connectionProperties(LedgerSettings s) {
        Properties p = LedgerSchema.connectionProperties(s.url(), s.user(), s.password());
        p.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_SECONDS));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("options", SERVER_LIMITS);
        // strings go untyped, so PostgreSQL takes the column's type: a varchar parameter compared with the CHAR columns
        // (rrn, stan) would compare as text and could not use their indexes — every lookup would scan a terminal's rows
        p.setProperty("stringtype", "unspecified");
        return p;
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void record(TransactionRecord t) {
        write(new Recorded(t));
    }

    @Override
    public void reverse(Reversal r) {
        write(Reversed.of(r));
    }

    @Override
    public int signOn(String tid, String mid, Instant at) {
        return (Integer) write(new SignedOn(tid, mid, at));
    }

    @Override
    public void signOff(String tid) {
        write(new SignedOff(tid));
    }

    /** One read when the terminal has state already (nearly always); a write creating it otherwise. */
    @Override
    public int ensureTerminal(String tid, String mid, Instant at) {
        Optional<Integer> open = lookups.openBatch(tid);
        return open.isPresent() ? open.get() : (Integer) write(new TerminalSeen(tid, mid, at));
    }

    @Override
    public void startUpload(String tid, int batch) {
        write(new UploadStarted(tid, batch));
    }

    @Override
    public void upload(String tid, int batch, List<UploadRow> rows, Instant at) {
        write(new Uploaded(tid, batch, List.copyOf(rows), at));
    }

    @Override
    public int closeBatch(String tid, int batch, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at) {
        return (Integer) write(new BatchClosed(tid, batch, batch % 999_999 + 1, status, terminal, host, at));
    }

    /** Queues {@code change} for the next group and returns what it returned once committed; a refusal is rethrown as it is. */
    private Object write(LedgerChange change) {
        CompletableFuture<Object> done = writer.submit(change);
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof OriginalChanged | e.getCause() instanceof LedgerException | e.getCause() instanceof DuplicateRequest) {
                throw (RuntimeException) e.getCause();
            }
            throw new LedgerException("ledger write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    // ---- lookups -----------------------------------------------------------------------------

    /** Always true: another node may hold any request, so the caller reads the database ({@link #byRequest}, one indexed read). */
    @Override
    public boolean mayHoldRequest(String tid, String stan, String requestKey) {
        return true;
    }

    @Override
    public Optional<TransactionRecord> byRrn(String rrn) {
        return read(() -> lookups.byRrn(rrn));
    }

    @Override
    public Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        return requests.byRequest(tid, stan, requestKey);
    }

    @Override
    public Optional<Integer> openBatch(String tid) {
        return read(() -> lookups.openBatch(tid));
    }

    @Override
    public Optional<BatchStatus> openBatchStatus(String tid, int batch) {
        return read(() -> lookups.openBatchStatus(tid, batch));
    }

    @Override
    public Optional<BatchTotals> openBatchTotals(String tid, int batch) {
        return openBatch(tid).filter(open -> open == batch).map(open -> read(() -> lookups.batchTotals(tid, batch)));
    }

    /**
     * Runs a lookup, once more when it failed on a pooled connection that had died (the database restarted,
     * or came back after an outage): then the others idle in the pool died too, so all are replaced, and a read
     * is safe to repeat.
     */
    private <T> T read(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (LedgerException e) {
            if (!(e.getCause() instanceof SQLException s) || s.getSQLState() == null || !s.getSQLState().startsWith("08")) throw e;
            lookupPool.getHikariPoolMXBean().softEvictConnections();
            return lookup.get();
        }
    }

    /** The next block of the shared sequence {@code ledger_rrn_blocks} (V11): block {@code n} is RRNs n×{@value #RRN_BLOCK}+1 on. */
    @Override
    public RrnBlock nextRrnBlock() {
        long n = read(() -> lookups.nextRrnBlock());
        return new RrnBlock(n * RRN_BLOCK + 1, (n + 1) * RRN_BLOCK + 1);
    }

    /** Nothing to wait for: a write returns after its commit, so the tables hold it. */
    @Override
    public void awaitApplied() {
    }

    @Override
    public CaptureFigures figures() {
        double perGroup = writer.changesPerGroup();
        return new CaptureFigures(perGroup, perGroup, 0, 0, 0, 0);
    }

    /** Commits everything queued, then closes the writers' and the lookups' connections. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            requests.close();
            lookupPool.close();
        }
    }
}
