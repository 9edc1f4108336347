package io.acqsim.ledger;

import io.acqsim.message.ResponseCode;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.acqsim.message.BatchTotals;
import io.acqsim.message.UploadRow;

/**
 * The durable record of what terminals did: transactions, reversals, terminal batches and uploads.
 * Schema by Flyway ({@code db/migration}); any JDBC URL, H2 embedded by default. Every write goes
 * through the {@link GroupCommitWriter} and returns only once committed — so a transaction is in the
 * ledger before its approval leaves the host. On H2 each commit is written to the file at once
 * ({@code WRITE_DELAY 0}), which is what makes a {@code kill -9} lose nothing that was acknowledged.
 */
public final class Ledger implements AutoCloseable {
    /** Room in the request filter beyond the rows found at open, before its "maybe" stops being rare. */
    private static final long REQUEST_FILTER_HEADROOM = 4_000_000;

    private final HikariDataSource pool;
    private final GroupCommitWriter writer;
    private final RequestFilter requests;
    private volatile boolean requestsLoaded;

    private Ledger(HikariDataSource pool, GroupCommitWriter writer, long rows) {
        this.pool = pool;
        this.writer = writer;
        this.requests = new RequestFilter(2 * rows + REQUEST_FILTER_HEADROOM);
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
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            long rows;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM transactions")) {
                rs.next();
                rows = rs.getLong(1);
            }
            Connection wc = java.sql.DriverManager.getConnection(url, user, password);
            if (url.startsWith("jdbc:h2:")) {
                try (Statement s = wc.createStatement()) {
                    s.execute("SET WRITE_DELAY 0");
                }
            }
            return new Ledger(pool, new GroupCommitWriter(wc, groupCommitMax), rows);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new LedgerException("cannot open the ledger at " + url + ": " + e.getMessage(), e);
        }
    }

    // ---- writes: each returns once committed -------------------------------------------------

    private void write(LedgerOp op) {
        try {
            writer.submit(op).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof OriginalChanged changed) throw changed;
            throw new LedgerException("ledger write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Records a purchase, void or refund; an approved void marks its original VOIDED, an approved refund
     * adds to its original's refunded amount. The original is checked again inside the write, so
     * concurrent voids and refunds of one sale serialise here: a void needs the sale APPROVED and not
     * refunded, a refund needs it APPROVED with enough left. Otherwise nothing is written and
     * {@link OriginalChanged} says why.
     */
    public void record(TransactionRecord t) {
        requests.add(t.tid(), t.stan(), t.requestKey());   // before the row can exist: mayHoldRequest never misses it
        write(c -> {
            insertTransaction(c, t);
            if (t.approved() && t.originalRrn() != null) {
                if (t.kind().equals("VOID")) {
                    if (update(c, "UPDATE transactions SET status = 'VOIDED' WHERE rrn = ? AND status = 'APPROVED' AND refunded_amount = 0",
                            t.originalRrn()) == 0) {
                        throw new OriginalChanged(ResponseCode.INVALID_TRANSACTION, "original " + t.originalRrn() + " is no longer an approved, unrefunded sale");
                    }
                } else if (t.kind().equals("REFUND")) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE transactions SET refunded_amount = refunded_amount + ? "
                            + "WHERE rrn = ? AND status = 'APPROVED' AND refunded_amount + ? <= amount")) {
                        ps.setLong(1, t.amount());
                        ps.setString(2, t.originalRrn());
                        ps.setLong(3, t.amount());
                        if (ps.executeUpdate() == 0) throw refundConflict(c, t);
                    }
                }
            }
        });
    }

    private static OriginalChanged refundConflict(Connection c, TransactionRecord t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, amount - refunded_amount FROM transactions WHERE rrn = ?")) {
            ps.setString(1, t.originalRrn());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && TransactionRecord.APPROVED.equals(rs.getString(1))) {
                    return new OriginalChanged(ResponseCode.INVALID_AMOUNT, "refund " + t.amount() + " exceeds what is left to refund, " + rs.getLong(2));
                }
                return new OriginalChanged(ResponseCode.INVALID_TRANSACTION, "original " + t.originalRrn() + " is no longer an approved sale");
            }
        }
    }

    /**
     * Records a reversal and, when {@code reversed} names an approved transaction, takes it out of
     * settlement (REVERSED) and undoes what it did to its own original (a void's sale is APPROVED again,
     * a refund's amount is no longer refunded).
     */
    public void reverse(String tid, String stan, String mti, String originalKey, long amount, String effect,
                        String responseCode, Instant at, TransactionRecord reversed) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reversals (tid, stan, mti, original_key, original_rrn, amount, effect, "
                    + "response_code, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, tid);
                ps.setString(2, stan);
                ps.setString(3, mti);
                ps.setString(4, originalKey);
                ps.setString(5, reversed == null ? null : reversed.rrn());
                ps.setLong(6, amount);
                ps.setString(7, effect);
                ps.setString(8, responseCode);
                ps.setObject(9, at.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            if (reversed != null && reversed.approved()) {
                update(c, "UPDATE transactions SET status = 'REVERSED' WHERE rrn = ? AND status = 'APPROVED'", reversed.rrn());
                if (reversed.originalRrn() != null && reversed.kind().equals("VOID")) {
                    update(c, "UPDATE transactions SET status = 'APPROVED' WHERE rrn = ? AND status = 'VOIDED'", reversed.originalRrn());
                } else if (reversed.originalRrn() != null && reversed.kind().equals("REFUND")) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE transactions SET refunded_amount = refunded_amount - ? WHERE rrn = ?")) {
                        ps.setLong(1, reversed.amount());
                        ps.setString(2, reversed.originalRrn());
                        ps.executeUpdate();
                    }
                }
            }
        });
    }

    /** Marks a terminal signed on, creating its state and first open batch on first sight; returns the open batch. */
    public int signOn(String tid, String mid, Instant at) {
        write(c -> {
            ensureTerminal(c, tid, mid, at);
            try (PreparedStatement ps = c.prepareStatement("UPDATE terminal_state SET signed_on = TRUE, last_sign_on = ? WHERE tid = ?")) {
                ps.setObject(1, at.atOffset(ZoneOffset.UTC));
                ps.setString(2, tid);
                ps.executeUpdate();
            }
        });
        return openBatch(tid).orElseThrow();
    }

    public void signOff(String tid) {
        write(c -> update(c, "UPDATE terminal_state SET signed_on = FALSE WHERE tid = ?", tid));
    }

    /** Makes sure the terminal has a state row and an open batch (a terminal may transact before signing on). */
    public int ensureTerminal(String tid, String mid, Instant at) {
        Optional<Integer> open = openBatch(tid);
        if (open.isPresent()) return open.get();
        write(c -> ensureTerminal(c, tid, mid, at));
        return openBatch(tid).orElseThrow();
    }

    /** Moves an open batch into upload (the terminal's totals differed). */
    public void startUpload(String tid, int batch) {
        write(c -> update(c, "UPDATE batches SET status = 'UPLOADING' WHERE tid = ? AND batch_no = ? AND status = 'OPEN'", tid, batch));
    }

    public void upload(String tid, int batch, List<UploadRow> rows, Instant at) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO batch_uploads (tid, batch_no, stan, pan_masked, amount, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (UploadRow r : rows) {
                    ps.setString(1, tid);
                    ps.setInt(2, batch);
                    ps.setString(3, r.stan());
                    ps.setString(4, r.panMasked());
                    ps.setLong(5, r.amountMinor());
                    ps.setObject(6, at.atOffset(ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET uploaded_count = uploaded_count + ? WHERE tid = ? AND batch_no = ?")) {
                ps.setInt(1, rows.size());
                ps.setString(2, tid);
                ps.setInt(3, batch);
                ps.executeUpdate();
            }
        });
    }

    /** Closes a batch with both views of its totals and opens the next one; returns the new batch number. */
    public int closeBatch(String tid, int batch, String status, BatchTotals terminal, BatchTotals host, Instant at) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET status = ?, closed_at = ?, terminal_sales_count = ?, "
                    + "terminal_sales_amt = ?, terminal_refund_count = ?, terminal_refund_amt = ?, host_sales_count = ?, host_sales_amt = ?, "
                    + "host_refund_count = ?, host_refund_amt = ? WHERE tid = ? AND batch_no = ?")) {
                ps.setString(1, status);
                ps.setObject(2, at.atOffset(ZoneOffset.UTC));
                BatchTotals t = terminal == null ? host : terminal;
                ps.setInt(3, t.salesCount());
                ps.setLong(4, t.salesAmount());
                ps.setInt(5, t.refundCount());
                ps.setLong(6, t.refundAmount());
                ps.setInt(7, host.salesCount());
                ps.setLong(8, host.salesAmount());
                ps.setInt(9, host.refundCount());
                ps.setLong(10, host.refundAmount());
                ps.setString(11, tid);
                ps.setInt(12, batch);
                ps.executeUpdate();
            }
            int next = batch % 999_999 + 1;
            update(c, "UPDATE terminal_state SET batch_no = ? WHERE tid = ?", next, tid);
            insertBatch(c, tid, next, at);
        });
        return batch % 999_999 + 1;
    }

    // ---- reads --------------------------------------------------------------------------------

    public Optional<TransactionRecord> byRrn(String rrn) {
        return queryOne("SELECT * FROM transactions WHERE rrn = ?", rrn);
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
        if (!requestsLoaded) loadRequests();
        return requests.mightContain(tid, stan, requestKey);
    }

    private synchronized void loadRequests() {
        if (requestsLoaded) return;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tid, stan, request_key FROM transactions")) {
            while (rs.next()) requests.add(rs.getString(1), rs.getString(2), rs.getString(3));
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
        requestsLoaded = true;
    }

    public Optional<TransactionRecord> byRequest(String tid, String stan, String requestKey) {
        return queryOne("SELECT * FROM transactions WHERE tid = ? AND stan = ? AND request_key = ?", tid, stan, requestKey);
    }

    public Optional<Integer> openBatch(String tid) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT batch_no FROM terminal_state WHERE tid = ?")) {
            ps.setString(1, tid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    public String batchStatus(String tid, int batch) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM batches WHERE tid = ? AND batch_no = ?")) {
            ps.setString(1, tid);
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    /** The host's totals of a terminal batch: approved sales and approved refunds (voided and reversed excluded). */
    public BatchTotals batchTotals(String tid, int batch) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*), COALESCE(SUM(amount), 0) FROM transactions "
                     + "WHERE tid = ? AND batch_no = ? AND status = 'APPROVED' AND kind IN ('PURCHASE', 'REFUND') GROUP BY kind")) {
            ps.setString(1, tid);
            ps.setInt(2, batch);
            int sc = 0, rc = 0;
            long sa = 0, ra = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("PURCHASE")) {
                        sc = rs.getInt(2);
                        sa = rs.getLong(3);
                    } else {
                        rc = rs.getInt(2);
                        ra = rs.getLong(3);
                    }
                }
            }
            return new BatchTotals(sc, sa, rc, ra);
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    /** Transactions per status, for stats and tests. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM transactions GROUP BY status ORDER BY status")) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            return out;
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    /** Every transaction, oldest first (tests and small reports). */
    public List<TransactionRecord> transactions() {
        return query("SELECT * FROM transactions ORDER BY id");
    }

    public long reversalCount() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reversals")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    /** The highest RRN issued so far, so a restarted host continues the sequence; 0 on an empty ledger. */
    public long maxRrn() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(rrn) FROM transactions")) {
            rs.next();
            String v = rs.getString(1);
            return v == null ? 0 : Long.parseLong(v.strip());
        } catch (SQLException | NumberFormatException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    /**
     * The pooled reader/writer connections, for components that keep their own tables in the ledger
     * database (clearing, payouts). Terminal transactions are written only through this class (its
     * duplicate check, {@link #mayHoldRequest}, knows only what it recorded and what was there before).
     */
    public javax.sql.DataSource dataSource() {
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

    // ---- helpers ------------------------------------------------------------------------------

    private static void ensureTerminal(Connection c, String tid, String mid, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_no FROM terminal_state WHERE tid = ?")) {
            ps.setString(1, tid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO terminal_state (tid, mid, batch_no) VALUES (?, ?, 1)")) {
            ps.setString(1, tid);
            ps.setString(2, mid);
            ps.executeUpdate();
        }
        insertBatch(c, tid, 1, at);
    }

    private static void insertBatch(Connection c, String tid, int batch, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO batches (tid, batch_no, status, opened_at) KEY (tid, batch_no) VALUES (?, ?, 'OPEN', ?)")) {
            ps.setString(1, tid);
            ps.setInt(2, batch);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Runs {@code sql} with its arguments in order; returns the number of rows changed. */
    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }

    private static void insertTransaction(Connection c, TransactionRecord t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO transactions (rrn, kind, channel, profile, mti, processing_code, tid, mid, "
                + "stan, request_key, batch_no, amount, currency, entry_mode, pan_masked, response_code, auth_code, status, original_rrn, "
                + "refunded_amount, business_date, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, t.rrn());
            ps.setString(i++, t.kind());
            ps.setString(i++, t.channel());
            ps.setString(i++, t.profile());
            ps.setString(i++, t.mti());
            ps.setString(i++, t.processingCode());
            ps.setString(i++, t.tid());
            ps.setString(i++, t.mid());
            ps.setString(i++, t.stan());
            ps.setString(i++, t.requestKey());
            ps.setInt(i++, t.batchNumber());
            ps.setLong(i++, t.amount());
            ps.setString(i++, t.currency());
            ps.setString(i++, t.entryMode());
            ps.setString(i++, t.panMasked());
            ps.setString(i++, t.responseCode());
            ps.setString(i++, t.authCode());
            ps.setString(i++, t.status());
            ps.setString(i++, t.originalRrn());
            ps.setLong(i++, t.refundedAmount());
            ps.setDate(i++, Date.valueOf(t.businessDate()));
            ps.setObject(i, t.capturedAt().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private Optional<TransactionRecord> queryOne(String sql, String... args) {
        List<TransactionRecord> l = query(sql, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private List<TransactionRecord> query(String sql, String... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<TransactionRecord> out = new java.util.ArrayList<>();
                while (rs.next()) out.add(read(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger read failed: " + e.getMessage(), e);
        }
    }

    private static TransactionRecord read(ResultSet rs) throws SQLException {
        return new TransactionRecord(
                rs.getString("rrn"), rs.getString("kind"), rs.getString("channel"), rs.getString("profile"), rs.getString("mti"),
                rs.getString("processing_code"), rs.getString("tid"), rs.getString("mid"), rs.getString("stan"),
                rs.getString("request_key"), rs.getInt("batch_no"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("entry_mode"), rs.getString("pan_masked"), rs.getString("response_code"), rs.getString("auth_code"),
                rs.getString("status"), rs.getString("original_rrn"), rs.getLong("refunded_amount"),
                rs.getDate("business_date").toLocalDate(), rs.getObject("captured_at", OffsetDateTime.class).toInstant());
    }
}
