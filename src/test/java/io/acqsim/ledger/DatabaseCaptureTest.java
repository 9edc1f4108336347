package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * Cluster mode's capture: two ledgers in one JVM on one fresh PostgreSQL schema stand for two host nodes.
 * What one node writes the other sees at once, and voids, refunds, reversals and retransmissions of another
 * node's transactions decide as on one host — under the rows' locks, so concurrent ones at both nodes never
 * both win. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class DatabaseCaptureTest {
    static final String TID = "T0000001";
    static final String MID = "M00000000000001";
    static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    final AtomicInteger rrns = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    /** Two nodes on one new schema. */
    Ledger[] nodes() {
        LedgerSettings s = settings(TestPostgres.freshSchema());
        return new Ledger[] {node(s), node(s)};
    }

    LedgerSettings settings(String url) {
        return new LedgerSettings(url, null, null, 64, dir.resolve("journal"), false, Durability.DATABASE);
    }

    Ledger node(LedgerSettings s) {
        Ledger l = Ledger.open(s);
        open.add(l);
        return l;
    }

    @Test
    void aTransactionRecordedByOneNodeIsFoundByTheOther() {
        Ledger[] n = nodes();
        TransactionRecord sale = sale("000001", 1_000);
        n[0].record(sale);
        assertEquals(sale, n[1].byRrn(sale.rrn()).orElseThrow());
        assertEquals(sale, n[1].byRequest(TID, "000001", sale.requestKey()).orElseThrow());
        assertTrue(n[1].mayHoldRequest(TID, "000001", sale.requestKey()), "another node may hold any request");
        assertEquals(List.of(sale), n[1].transactions());
    }

    @Test
    void aRetransmissionsIdentityRecordedOnOneNodeIsRefusedOnTheOtherAndTheRestOfItsGroupIsWritten() throws Exception {
        Ledger[] n = nodes();
        TransactionRecord sale = sale("000001", 1_000);
        n[0].record(sale);
        TransactionRecord again = sale("000001", 1_000);          // same TID/STAN/key, the other node's new RRN
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> dup = pool.submit(() -> n[1].record(again));
            List<Future<?>> others = new ArrayList<>();
            for (int i = 2; i <= 20; i++) {
                TransactionRecord t = sale("%06d".formatted(i), 500);
                others.add(pool.submit(() -> n[1].record(t)));
            }
            Exception e = assertThrows(Exception.class, dup::get);
            assertTrue(e.getCause() instanceof DuplicateRequest, e.toString());
            assertEquals(sale, ((DuplicateRequest) e.getCause()).stored(), "the refusal carries what the other node stored");
            for (Future<?> f : others) f.get();
        }
        assertEquals(20, n[0].transactions().size());
        assertTrue(n[1].byRrn(again.rrn()).isEmpty());
        assertEquals(sale.rrn(), n[1].byRequest(TID, "000001", sale.requestKey()).orElseThrow().rrn());
    }

    @Test
    void voidsRefundsAndReversalsOfAnotherNodesSalesDecideAsOnOneHost() {
        Ledger[] n = nodes();
        TransactionRecord sale = sale("000001", 1_000);
        n[0].record(sale);
        n[1].record(voidOf(sale, "000002"));
        assertEquals(TransactionStatus.VOIDED, n[0].byRrn(sale.rrn()).orElseThrow().status());
        TransactionRecord voidAgain = voidOf(sale, "000002");   // the void's retransmission, in flight at node A meanwhile
        assertEquals(n[1].byRequest(TID, "000002", "1120100000").orElseThrow(),
                assertThrows(DuplicateRequest.class, () -> n[0].record(voidAgain)).stored(), "not 12: the void node B recorded");
        OriginalChanged twice = assertThrows(OriginalChanged.class, () -> n[0].record(voidOf(sale, "000003")));
        assertEquals(ResponseCode.INVALID_TRANSACTION, twice.responseCode());
        assertTrue(n[0].byRequest(TID, "000003", "1120100000").isEmpty(), "a refused void is not written");

        TransactionRecord other = sale("000004", 1_000);
        n[1].record(other);
        n[0].record(refundOf(other, "000005", 600));
        OriginalChanged tooMuch = assertThrows(OriginalChanged.class, () -> n[1].record(refundOf(other, "000006", 500)));
        assertEquals(ResponseCode.INVALID_AMOUNT, tooMuch.responseCode());
        TransactionRecord refund = refundOf(other, "000007", 400);
        n[1].record(refund);
        assertEquals(1_000, n[0].byRrn(other.rrn()).orElseThrow().refundedAmount());
        OriginalChanged partlyRefunded = assertThrows(OriginalChanged.class, () -> n[0].record(voidOf(other, "000008")));
        assertEquals(ResponseCode.INVALID_TRANSACTION, partlyRefunded.responseCode());

        // a reversal on node A of the refund node B took: the refund is REVERSED and no longer counts against the sale
        n[0].reverse(new Reversal(TID, "000009", "0400", TID + "|000007|1120100000", 400, ReversalEffect.REVERSED, ResponseCode.APPROVED,
                AT, refund));
        assertEquals(TransactionStatus.REVERSED, n[1].byRrn(refund.rrn()).orElseThrow().status());
        assertEquals(600, n[1].byRrn(other.rrn()).orElseThrow().refundedAmount());
        // and of node A's void: the sale is APPROVED again and may be voided anew, on either node
        TransactionRecord voided = n[1].byRequest(TID, "000002", "1120100000").orElseThrow();
        n[1].reverse(new Reversal(TID, "000010", "0400", TID + "|000002|1120100000", 1_000, ReversalEffect.REVERSED, ResponseCode.APPROVED,
                AT, voided));
        assertEquals(TransactionStatus.APPROVED, n[0].byRrn(sale.rrn()).orElseThrow().status());
        n[0].record(voidOf(sale, "000011"));
        assertEquals(TransactionStatus.VOIDED, n[1].byRrn(sale.rrn()).orElseThrow().status());
        assertEquals(2, n[0].reversalCount());
    }

    @Test
    void concurrentVoidsOfOneSaleAtBothNodesExactlyOneWins() throws Exception {
        Ledger[] n = nodes();
        int sales = 30;
        List<TransactionRecord> list = new ArrayList<>();
        for (int i = 1; i <= sales; i++) {
            TransactionRecord s = sale("%06d".formatted(i), 1_000);
            n[i % 2].record(s);
            list.add(s);
        }
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (TransactionRecord s : list) {
                for (int node = 0; node < 2; node++) {
                    Ledger l = n[node];
                    TransactionRecord v = voidOf(s, "%06d".formatted(100 + list.indexOf(s) * 2 + node));
                    all.add(pool.submit(outcome(() -> l.record(v), won, lost)));
                }
            }
            for (Future<?> f : all) f.get();
        }
        assertEquals(sales, won.get());
        assertEquals(sales, lost.get());
        assertEquals(sales, n[0].list(new TransactionFilter(null, null, null, TransactionStatus.VOIDED, 1_000)).size());
        assertEquals(sales, n[1].list(new TransactionFilter(null, null, null, null, 1_000)).stream()
                .filter(t -> t.kind() == MessageKind.VOID).count());
    }

    @Test
    void concurrentRefundsAtBothNodesNeverExceedTheSale() throws Exception {
        Ledger[] n = nodes();
        TransactionRecord sale = sale("000001", 1_000);
        n[0].record(sale);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Ledger l = n[i % 2];
                TransactionRecord r = refundOf(sale, "%06d".formatted(100 + i), 300);
                all.add(pool.submit(outcome(() -> l.record(r), won, lost)));
            }
            for (Future<?> f : all) f.get();
        }
        assertEquals(3, won.get());
        assertEquals(9, lost.get());
        assertEquals(900, n[1].byRrn(sale.rrn()).orElseThrow().refundedAmount());
    }

    @Test
    void signOnsAtBothNodesMakeOneOpenBatchAndACloseIsSeenByTheOther() throws Exception {
        Ledger[] n = nodes();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Ledger l = n[i % 2];
                boolean ensure = i % 4 == 0;
                all.add(pool.submit(() -> ensure ? l.ensureTerminal(TID, MID, AT) : l.signOn(TID, MID, AT)));
            }
            for (Future<Integer> f : all) assertEquals(1, f.get());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM batches WHERE tid = '" + TID + "'"));
        n[0].record(sale("000001", 1_000));
        assertEquals(new BatchTotals(1, 1_000, 0, 0), n[1].batchTotals(TID, 1));
        assertEquals("OPEN", n[1].batchStatus(TID, 1));
        n[1].startUpload(TID, 1);
        assertEquals("UPLOADING", n[0].batchStatus(TID, 1));
        assertEquals(2, n[0].closeBatch(TID, 1, BatchStatus.CLOSED, null, new BatchTotals(1, 1_000, 0, 0), AT));
        assertEquals(2, n[1].openBatch(TID).orElseThrow());
        assertEquals(2, n[1].ensureTerminal(TID, MID, AT));
        assertEquals(2, n[1].signOn(TID, MID, AT));
        assertEquals("CLOSED", n[1].batchStatus(TID, 1));
        assertEquals("OPEN", n[1].batchStatus(TID, 2));
        assertEquals(new BatchTotals(1, 1_000, 0, 0), n[1].batchTotals(TID, 1));
        assertEquals(BatchTotals.ZERO, n[0].batchTotals(TID, 2));
    }

    @Test
    void aNodeCutOffFromTheDatabaseFailsWritesWithinSecondsAndRecoversWhenItIsBack() throws Exception {
        String url = TestPostgres.freshSchema();
        try (TcpCut link = new TcpCut(url)) {
            Ledger cut = node(settings(link.through(url)));
            Ledger other = node(settings(url));
            cut.record(sale("000001", 1_000));
            link.cut();
            long start = System.nanoTime();
            assertThrows(LedgerException.class, () -> cut.record(sale("000002", 1_000)));
            long writeMs = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            assertThrows(LedgerException.class, () -> cut.byRequest(TID, "000003", "1120100000"));
            long readMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(writeMs < 5_000 && readMs < 5_000, "the write failed after " + writeMs + " ms, the lookup after " + readMs + " ms");
            assertTrue(other.byRequest(TID, "000002", "1120100000").isEmpty(), "nothing of the failed write is in the database");
            link.restore();
            TransactionRecord after = sale("000004", 1_000);
            cut.record(after);
            assertEquals(after, cut.byRrn(after.rrn()).orElseThrow());
            assertEquals(after, other.byRrn(after.rrn()).orElseThrow());
        }
    }

    @Test
    void aWriterWhoseConnectionWasTerminatedReconnectsWithoutFailingTheWrite() throws Exception {
        Ledger[] n = nodes();
        n[0].record(sale("000001", 1_000));
        try (Connection c = DriverManager.getConnection(TestPostgres.requireUrl()); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() "
                    + "AND application_name = '" + DatabaseCapture.WRITER_NAME + "'");
        }
        for (int i = 2; i <= 5; i++) n[0].record(sale("%06d".formatted(i), 1_000));   // the group died before its commit: tried again
        assertEquals(5, n[1].transactions().size());
    }

    @Test
    void nodesIssueRrnsFromBlocksNoOtherNodeGetsAfterTheStoredOnes() throws Exception {
        String url = TestPostgres.freshSchema();
        try (Ledger oneHost = Ledger.open(new LedgerSettings(url, null, null, 64, dir.resolve("journal"), false))) {
            rrns.set(123_455);
            oneHost.record(sale("000001", 1_000));                       // RRN 000000123456, written by one host before
            assertEquals(new RrnBlock(123_457, Long.MAX_VALUE), oneHost.nextRrnBlock());
        }
        Ledger a = node(settings(url));
        Ledger b = node(settings(url));
        RrnBlock first = a.nextRrnBlock();
        RrnBlock second = b.nextRrnBlock();
        RrnBlock third = a.nextRrnBlock();
        assertTrue(first.first() > 123_456, first.toString());
        assertEquals(first.end(), second.first());
        assertEquals(second.end(), third.first());
        assertEquals(DatabaseCapture.RRN_BLOCK, first.end() - first.first());
    }

    @Test
    void databaseDurabilityNeedsPostgreSql() {
        LedgerException e = assertThrows(LedgerException.class,
                () -> Ledger.open(LedgerSettings.h2(dir.resolve("h2")).withDurability(Durability.DATABASE)));
        assertTrue(e.getMessage().contains("PostgreSQL"), e.getMessage());
    }

    private static Callable<Void> outcome(Runnable write, AtomicInteger won, AtomicInteger lost) {
        return () -> {
            try {
                write.run();
                won.incrementAndGet();
            } catch (OriginalChanged e) {
                lost.incrementAndGet();
            }
            return null;
        };
    }

    private long count(String sql) throws Exception {
        Ledger any = (Ledger) open.getFirst();
        try (Connection c = any.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    TransactionRecord sale(String stan, long amount) {
        return new TransactionRecord("%012d".formatted(rrns.incrementAndGet()), MessageKind.PURCHASE, Channel.CARD, "iso87a", "0200", "000000",
                TID, MID, stan, "1120100000", 1, amount, "156", "071", "622202******0123", ResponseCode.APPROVED, "123456",
                TransactionStatus.APPROVED, null, 0, DATE, AT);
    }

    TransactionRecord voidOf(TransactionRecord o, String stan) {
        return new TransactionRecord("%012d".formatted(rrns.incrementAndGet()), MessageKind.VOID, Channel.CARD, "iso87a", "0200", "020000",
                TID, MID, stan, "1120100000", 1, o.amount(), "156", null, o.panMasked(), ResponseCode.APPROVED, "654321",
                TransactionStatus.APPROVED, o.rrn(), 0, DATE, AT);
    }

    TransactionRecord refundOf(TransactionRecord o, String stan, long amount) {
        return new TransactionRecord("%012d".formatted(rrns.incrementAndGet()), MessageKind.REFUND, Channel.CARD, "iso87a", "0220", "200000",
                TID, MID, stan, "1120100000", 1, amount, "156", null, o.panMasked(), ResponseCode.APPROVED, "654321",
                TransactionStatus.APPROVED, o.rrn(), 0, DATE, AT);
    }
}
