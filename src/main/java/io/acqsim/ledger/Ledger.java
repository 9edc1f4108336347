package io.acqsim.ledger;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * The durable record of what terminals did: transactions, reversals, terminal batches and uploads.
 * Schema by Flyway ({@link LedgerSchema}); any JDBC URL, H2 embedded by default. Every write goes
 * through the {@link GroupCommitWriter} and returns only once committed — so a transaction is in the
 * ledger before its approval leaves the host.
 * <p>
 * This class opens and closes the ledger and is its one entry point; the work is done by one class a
 * job: {@link TransactionWrites} (transactions and reversals), {@link TerminalBatches} (terminal state
 * and batches) and {@link LedgerReads} (every read of transactions, for the host, the admin API and
 * clearing). No SQL on the ledger's tables runs outside this package.
 */
public final class Ledger implements AutoCloseable {
    private final HikariDataSource pool;
    private final GroupCommitWriter writer;
    private final TransactionWrites transactions;
    private final TerminalBatches batches;
    private final LedgerReads reads;

    private Ledger(HikariDataSource pool, GroupCommitWriter writer, long rows) {
        this.pool = pool;
        this.writer = writer;
        this.transactions = new TransactionWrites(pool, this::write, rows);
        this.batches = new TerminalBatches(pool, this::write);
        this.reads = new LedgerReads(pool);
    }

    public static Ledger open(String url, String user, String password, int groupCommitMax) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(8);
        hc.setPoolName("ledger-readers");
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            LedgerSchema.migrate(pool);
            long rows = LedgerSchema.transactionCount(pool);
            GroupCommitWriter writer = new GroupCommitWriter(LedgerSchema.writerConnection(url, user, password), groupCommitMax);
            return new Ledger(pool, writer, rows);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new LedgerException("cannot open the ledger at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Commits one write through the group-commit writer; returns once it is committed. */
    private void write(LedgerOp op) {
        try {
            writer.submit(op).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof OriginalChanged changed) throw changed;
            throw new LedgerException("ledger write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    // ---- transactions and reversals ----------------------------------------------------------

    /**
     * Records a purchase, void or refund; an approved void marks its original VOIDED, an approved refund
     * adds to its original's refunded amount. The original is checked again inside the write, so
     * concurrent voids and refunds of one sale serialise here: a void needs the sale APPROVED and not
     * refunded, a refund needs it APPROVED with enough left. Otherwise nothing is written and
     * {@link OriginalChanged} says why.
     */
    public void record(TransactionRecord t) {
        transactions.record(t);
    }

    /**
     * Records a reversal and, when {@code reversed} names an approved transaction, takes it out of
     * settlement (REVERSED) and undoes what it did to its own original (a void's sale is APPROVED again,
     * a refund's amount is no longer refunded).
     */
    public void reverse(Reversal reversal) {
        transactions.reverse(reversal);
    }

    /**
     * Whether the ledger may hold a transaction with this TID, STAN and request key, answered from memory.
     * False is certain, so a caller that only needs the stored original of a retransmission can skip
     * {@link #byRequest} for the new request nearly every purchase is; true means "read the ledger" (a
     * retransmission, or about 1 in 100 new requests). It knows every row present when it is first asked
     * (one read of the table then) and every transaction {@link #record}ed since this ledger was opened,
     * which is every transaction: they are written only through this class.
     */
    public boolean mayHoldRequest(String tid, String stan, String requestKey) {
        return transactions.mayHoldRequest(tid, stan, requestKey);
    }

    public Optional<TransactionRecord> byRrn(String rrn) {
        return reads.byRrn(rrn);
    }

    public Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        return reads.byRequest(tid, stan, requestKey);
    }

    // ---- terminal batches --------------------------------------------------------------------

    /** Marks a terminal signed on, creating its state and first open batch on first sight; returns the open batch. */
    public int signOn(String tid, String mid, Instant at) {
        return batches.signOn(tid, mid, at);
    }

    public void signOff(String tid) {
        batches.signOff(tid);
    }

    /** Makes sure the terminal has a state row and an open batch (a terminal may transact before signing on). */
    public int ensureTerminal(String tid, String mid, Instant at) {
        return batches.ensureTerminal(tid, mid, at);
    }

    /** Moves an open batch into upload (the terminal's totals differed). */
    public void startUpload(String tid, int batch) {
        batches.startUpload(tid, batch);
    }

    public void upload(String tid, int batch, List<UploadRow> rows, Instant at) {
        batches.upload(tid, batch, rows, at);
    }

    /** Closes a batch with both views of its totals and opens the next one; returns the new batch number. */
    public int closeBatch(String tid, int batch, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at) {
        return batches.closeBatch(tid, batch, status, terminal, host, at);
    }

    public Optional<Integer> openBatch(String tid) {
        return batches.openBatch(tid);
    }

    /** OPEN, UPLOADING, CLOSED or CLOSED_UNBALANCED; null for a batch the ledger does not know. */
    public String batchStatus(String tid, int batch) {
        return batches.batchStatus(tid, batch);
    }

    /** The host's totals of a terminal batch: approved sales and approved refunds (voided and reversed excluded). */
    public BatchTotals batchTotals(String tid, int batch) {
        return batches.batchTotals(tid, batch);
    }

    // ---- reads for the admin API, clearing and tests -----------------------------------------

    /** The transactions {@code filter} selects, newest first. */
    public List<TransactionRecord> list(TransactionFilter filter) {
        return reads.list(filter);
    }

    /** Every transaction, oldest first (tests and small reports). */
    public List<TransactionRecord> transactions() {
        return reads.all();
    }

    /** Transactions per status, statuses in name order; a status no transaction has is absent. */
    public Map<TransactionStatus, Long> countByStatus() {
        return reads.countByStatus();
    }

    public long reversalCount() {
        return reads.reversalCount();
    }

    /** The highest RRN issued so far, so a restarted host continues the sequence; 0 on an empty ledger. */
    public long maxRrn() {
        return reads.maxRrn();
    }

    /** Per merchant and currency, ordered so, what the approved sales and refunds of a business date add up to. */
    public List<MerchantDayTotals> merchantTotals(LocalDate businessDate) {
        return reads.merchantTotals(businessDate);
    }

    /** The business dates before {@code before} that hold any transaction, oldest first. */
    public List<LocalDate> businessDatesBefore(LocalDate before) {
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

    /** Average writes per commit of the group-commit writer since start. */
    public double writesPerCommit() {
        return writer.writesPerCommit();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            throw new LedgerException("closing the ledger writer failed", e);
        } finally {
            pool.close();
        }
    }
}
