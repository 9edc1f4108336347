package io.acqsim.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * The ledger's write path and the lookups the hot path needs, behind one interface: every write is
 * durable when it returns, and every lookup sees every write that returned. Nothing outside this
 * interface writes the ledger's tables. Two implementations: {@link JournalCapture} (a journal and
 * memory, one host) and {@link DatabaseCapture} (cluster mode: several hosts on one shared database,
 * whose lookups read that database because one node's memory cannot see another node's approvals).
 * <p>
 * {@link Ledger} documents each operation; reads of the tables for everyone else call
 * {@link #awaitApplied} first, so they are never staler than the moment they were asked.
 */
interface Capture extends AutoCloseable {
    void record(TransactionRecord t);

    void reverse(Reversal reversal);

    boolean mayHoldRequest(String tid, String stan, String requestKey);

    Optional<TransactionRecord> byRrn(String rrn);

    Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey);

    int signOn(String tid, String mid, Instant at);

    void signOff(String tid);

    int ensureTerminal(String tid, String mid, Instant at);

    void startUpload(String tid, int batch);

    void upload(String tid, int batch, List<UploadRow> rows, Instant at);

    int closeBatch(String tid, int batch, BatchStatus status, BatchTotals terminal, BatchTotals host, Instant at);

    Optional<Integer> openBatch(String tid);

    /** The open batch's status (from memory on one host); empty when {@code batch} is not the terminal's open batch. */
    Optional<BatchStatus> openBatchStatus(String tid, int batch);

    /** The open batch's totals (from memory on one host); empty when {@code batch} is not the terminal's open batch. */
    Optional<BatchTotals> openBatchTotals(String tid, int batch);

    /** RRNs this host may issue next: after the highest stored (one host), or a block no other node gets (cluster mode). */
    RrnBlock nextRrnBlock();

    /** Returns once the tables hold every write that returned before this call. */
    void awaitApplied();

    /** Figures for the benchmark notes and metrics: writes per durable group, changes per table commit, and so on. */
    CaptureFigures figures();

    @Override
    void close();
}
