package io.acqsim.ledger;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * The durable record of what terminals did: transactions, reversals, terminal batches and uploads.
 * Writes and the hot path's lookups go through the {@link Capture}: on one host {@link JournalCapture} (a
 * group-committed journal and memory; the tables — Flyway schema, {@link LedgerSchema}; H2 embedded by
 * default, or PostgreSQL — are brought up to date from the journal off the hot path), in cluster mode
 * ({@link Durability#DATABASE}) {@link DatabaseCapture} (group-committed transactions in the shared
 * PostgreSQL database, lookups read it, so nodes see each other's writes). Every write
 * returns only once durable — so a transaction is in the ledger before its approval leaves the host —
 * and every read here of the tables first waits until they hold every write that returned before it
 * was asked ({@link Capture#awaitApplied}).
 * <p>
 * This class opens and closes the ledger and is its one entry point. No SQL on the ledger's tables
 * runs outside this package.
 */
public final class Ledger implements AutoCloseable {
    private final HikariDataSource pool;
    private final Capture capture;
    private final LedgerReads reads;

    private Ledger(HikariDataSource pool, Capture capture, LedgerReads reads) {
        this.pool = pool;
        this.capture = capture;
        this.reads = reads;
    }

    /**
     * Opens the ledger: migrates the schema, then, with journal durability, applies whatever the journal
     * holds that the tables lack and starts the journal writer and applier; with database durability
     * (PostgreSQL only: refused for any other URL) starts the database writers and lookups.
     */
    public static Ledger open(LedgerSettings settings) {
        LedgerSchema.checkVendor(settings.url());
        if (settings.durability() == Durability.DATABASE && !settings.url().startsWith("jdbc:postgresql:")) {
            throw new LedgerException("cluster mode keeps the ledger in a shared PostgreSQL database (ledger.url=jdbc:postgresql://...), not "
                    + settings.url(), null);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(settings.url());
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setMaximumPoolSize(8);
        hc.setPoolName("ledger-readers");
        hc.setDataSourceProperties(LedgerSchema.connectionProperties(settings.url(), null, null));
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(hc);
            LedgerSchema.migrate(pool, settings.url());
            LedgerReads reads = new LedgerReads(pool);
            Capture capture = settings.durability() == Durability.DATABASE ? DatabaseCapture.open(settings)
                    : JournalCapture.open(settings, reads, LedgerSchema.transactionCount(pool));
            return new Ledger(pool, capture, reads);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) pool.close();
            String problem = LedgerUrl.problem(e);
            throw new LedgerException("cannot open the ledger at " + LedgerUrl.redacted(settings.url()) + ": "
                    + (problem != null ? problem : e.getMessage()), e);
        }
    }

    // ---- transactions and reversals ----------------------------------------------------------

    /**
     * Records a purchase, void or refund; an approved void marks its original VOIDED, an approved refund
     * adds to its original's refunded amount. The original is checked again under the write's lock, so
     * concurrent voids and refunds of one sale serialise here: a void needs the sale APPROVED and not
     * refunded, a refund needs it APPROVED with enough left. Otherwise nothing is written and
     * {@link OriginalChanged} says why. In cluster mode a request whose identity another node recorded
     * while this one was in flight is not written either: {@link DuplicateRequest} carries the stored row.
     */
    public void record(TransactionRecord t) {
        capture.record(t);
    }

    /**
     * Records a reversal and, when {@code reversed} names an approved transaction, takes it out of
     * settlement (REVERSED) and undoes what it did to its own original (a void's sale is APPROVED again,
     * a refund's amount is no longer refunded).
     */
    public void reverse(Reversal reversal) {
        capture.reverse(reversal);
    }

    /**
     * Whether the ledger may hold a transaction with this TID, STAN and request key, answered from memory
     * (always true in cluster mode, where another node may hold any request).
     * False is certain, so a caller that only needs the stored original of a retransmission can skip
     * {@link #byRequest} for the new request nearly every purchase is; true means "read the ledger" (a
     * retransmission, or about 1 in 100 new requests). It knows every row present when it is first asked
     * (one read of the table then) and every transaction {@link #record}ed since this ledger was opened,
     * which is every transaction: they are written only through this class.
     */
    public boolean mayHoldRequest(String tid, String stan, String requestKey) {
        return capture.mayHoldRequest(tid, stan, requestKey);
    }

    public Optional<TransactionRecord> byRrn(String rrn) {
        return capture.byRrn(rrn);
    }

    public Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        return capture.byRequest(tid, stan, requestKey);
    }

    // ---- terminal batches --------------------------------------------------------------------

    /** Marks a terminal signed on, creating its state and first open batch on first sight; returns the open batch. */
    public int signOn(String tid, String mid, Instant at) {
        return capture.signOn(tid, mid, at);
    }

    public void signOff(String tid) {
        capture.signOff(tid);
    }

    /** Makes sure the terminal has a state row and an open batch (a terminal may transact before signing on). */
    public int ensureTerminal(String tid, String mid, Instant at) {
        return capture.ensureTerminal(tid, mid, at);
    }

    /** Moves an open batch into upload (the terminal's totals differed). */
    public void startUpload(String tid, int batch) {
        capture.startUpload(tid, batch);
    }

    public void upload(String tid, int batch, List<UploadRow> rows, Instant at) {
        capture.upload(tid, batch, rows, at);
    }

    /** Closes a batch with both views of its totals and opens the next one; returns the new batch number. */
    public int closeBatch(String tid, int batch, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at) {
        return capture.closeBatch(tid, batch, status, terminal, host, at);
    }

    public Optional<Integer> openBatch(String tid) {
        return capture.openBatch(tid);
    }

    /** OPEN, UPLOADING, CLOSED or CLOSED_UNBALANCED; null for a batch the ledger does not know. */
    public String batchStatus(String tid, int batch) {
        Optional<BatchStatus> open = capture.openBatchStatus(tid, batch);
        if (open.isPresent()) return open.get().name();
        capture.awaitApplied();
        return reads.batchStatus(tid, batch);
    }

    /** The host's totals of a terminal batch: approved sales and approved refunds (voided and reversed excluded). */
    public BatchTotals batchTotals(String tid, int batch) {
        Optional<BatchTotals> open = capture.openBatchTotals(tid, batch);
        if (open.isPresent()) return open.get();
        capture.awaitApplied();
        return reads.batchTotals(tid, batch);
    }

    // ---- reads for the admin API, clearing and tests -----------------------------------------

    /** The transactions {@code filter} selects, newest first. */
    public List<TransactionRecord> list(TransactionFilter filter) {
        capture.awaitApplied();
        return reads.list(filter);
    }

    /** Every transaction, oldest first (tests and small reports). */
    public List<TransactionRecord> transactions() {
        capture.awaitApplied();
        return reads.all();
    }

    /** Transactions per status, statuses in name order; a status no transaction has is absent. */
    public Map<TransactionStatus, Long> countByStatus() {
        capture.awaitApplied();
        return reads.countByStatus();
    }

    public long reversalCount() {
        capture.awaitApplied();
        return reads.reversalCount();
    }

    /**
     * RRNs this host may issue next, {@link RrnBlock#first()} up to {@link RrnBlock#end()}: on one host every RRN
     * after the highest stored, so a restarted host continues the sequence; in cluster mode a block of
     * {@value DatabaseCapture#RRN_BLOCK} that no other node is given (a shared sequence), so nodes never issue the same RRN.
     */
    public RrnBlock nextRrnBlock() {
        return capture.nextRrnBlock();
    }

    /** Per merchant and currency, ordered so, what the approved sales and refunds of a business date add up to. */
    public List<MerchantDayTotals> merchantTotals(LocalDate businessDate) {
        capture.awaitApplied();
        return reads.merchantTotals(businessDate);
    }

    /** The business dates before {@code before} that hold any transaction, oldest first. */
    public List<LocalDate> businessDatesBefore(LocalDate before) {
        capture.awaitApplied();
        return reads.businessDatesBefore(before);
    }

    // ---- the database ------------------------------------------------------------------------

    /**
     * The pooled connections, for components that keep their own tables in the ledger database
     * (clearing, payouts; {@link LedgerSchema} says which tables are whose). They never run SQL on the
     * ledger's tables: terminal transactions are written only through this class (its duplicate check,
     * {@link #mayHoldRequest}, knows only what it recorded and what was there before) and read through it.
     */
    public DataSource dataSource() {
        return pool;
    }

    /** How the write path is doing: writes per journal append, changes per table commit, backlog, journal size. */
    public CaptureFigures figures() {
        return capture.figures();
    }

    /** Returns once the tables hold every write that returned before this call (for components reading their own joins). */
    public void awaitApplied() {
        capture.awaitApplied();
    }

    /** Writes and applies everything still queued, then closes. */
    @Override
    public void close() {
        try {
            capture.close();
        } finally {
            pool.close();
        }
    }
}
