package io.acqsim.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import io.acqsim.config.Merchant;

/**
 * Terminal transactions for the settlement benchmark, generated in memory from a seed, written straight
 * into the ledger's {@code transactions} table with batched inserts (as the host would have recorded
 * them), and cleared independently in Java so the engine's result can be checked to the fen.
 * <p>
 * The mix per transaction: approved card sales (64 %) and QR sales (22 %), declined sales (3 %),
 * reversed sales (2 %), voids of an earlier sale (2 %: the sale becomes VOIDED, the VOID itself is
 * approved), approved partial refunds of an earlier sale (4 %), declined refunds (1 %), reversed
 * refunds (1 %), and another card sale for the rest. Amounts are log-normal around 100 CNY.
 */
final class SyntheticTransactions {
    private static final byte PURCHASE = 0, REFUND = 1, VOID = 2;
    private static final byte CARD = 0, QR = 1;
    private static final byte APPROVED = 0, DECLINED = 1, REVERSED = 2, VOIDED = 3;
    private static final String[] KINDS = {"PURCHASE", "REFUND", "VOID"};
    private static final String[] CODES = {"000000", "200000", "020000"};
    private static final String[] STATUSES = {"APPROVED", "DECLINED", "REVERSED", "VOIDED"};
    private static final String[] ENTRY = {"021", "051", "071"};

    /** What clearing must produce for one merchant on one business date (CNY, the only currency generated). */
    record Expected(int salesCount, long salesAmount, int refundCount, long refundAmount, long fee) {
        long net() { return salesAmount - fee - refundAmount; }

        int count() { return salesCount + refundCount; }
    }

    private final List<Merchant> merchants;
    private final List<LocalDate> dates;
    private final int size;
    private final long rrnBase;
    // one entry per transaction, in capture order
    private final int[] merchant;
    private final int[] date;
    private final byte[] kind;
    private final byte[] channel;
    private final byte[] status;
    private final long[] amount;
    private final long[] refunded;
    private final int[] original;
    private final long[] capturedMillis;

    /**
     * Generates {@code total} transactions spread evenly over {@code dates}, each at a uniformly drawn
     * merchant, captured evenly over the business date's 24 hours (previous day's cutover to its own).
     */
    SyntheticTransactions(List<Merchant> merchants, List<LocalDate> dates, int total, ZoneId zone, LocalTime cutover, long seed) {
        this.merchants = List.copyOf(merchants);
        this.dates = List.copyOf(dates);
        this.size = total;
        this.rrnBase = 100_000_000_000L;
        merchant = new int[total];
        date = new int[total];
        kind = new byte[total];
        channel = new byte[total];
        status = new byte[total];
        amount = new long[total];
        refunded = new long[total];
        original = new int[total];
        capturedMillis = new long[total];
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] lastSale = new int[merchants.size()];
        int i = 0;
        for (int d = 0; d < dates.size(); d++) {
            int n = total / dates.size() + (d < total % dates.size() ? 1 : 0);
            long open = dates.get(d).minusDays(1).atTime(cutover).atZone(zone).toInstant().toEpochMilli();
            Arrays.fill(lastSale, -1);
            for (int k = 0; k < n; k++, i++) {
                int m = rnd.nextInt(merchants.size());
                merchant[i] = m;
                date[i] = d;
                original[i] = -1;
                capturedMillis[i] = open + k * 86_400_000L / n;
                generate(i, m, rnd, lastSale);
            }
        }
    }

    private void generate(int i, int m, SplittableRandom rnd, int[] lastSale) {
        double r = rnd.nextDouble();
        int sale = lastSale[m];
        if (r < 0.64) {
            sale(i, CARD, APPROVED, rnd, lastSale, m);
        } else if (r < 0.86) {
            sale(i, QR, APPROVED, rnd, lastSale, m);
        } else if (r < 0.89) {
            sale(i, rnd.nextBoolean() ? CARD : QR, DECLINED, rnd, lastSale, m);
        } else if (r < 0.91) {
            sale(i, CARD, REVERSED, rnd, lastSale, m);
        } else if (r < 0.93 && sale >= 0 && refunded[sale] == 0) {
            // the void is approved and takes its sale out of clearing
            set(i, VOID, channel[sale], APPROVED, amount[sale]);
            original[i] = sale;
            status[sale] = VOIDED;
            lastSale[m] = -1;
        } else if (r < 0.97 && r >= 0.93 && sale >= 0 && refunded[sale] < amount[sale]) {
            long left = amount[sale] - refunded[sale];
            long a = Math.max(1, left * (20 + rnd.nextInt(81)) / 100);
            set(i, REFUND, channel[sale], APPROVED, a);
            original[i] = sale;
            refunded[sale] += a;
        } else if (r >= 0.97 && r < 0.99) {
            set(i, REFUND, CARD, r < 0.98 ? DECLINED : REVERSED, 100 + rnd.nextInt(10_000));
            original[i] = sale;
        } else {
            sale(i, CARD, APPROVED, rnd, lastSale, m);
        }
    }

    private void sale(int i, byte ch, byte st, SplittableRandom rnd, int[] lastSale, int m) {
        long a = Math.clamp((long) Math.exp(9.2 + 1.1 * gaussian(rnd)), 100L, 5_000_000L);
        set(i, PURCHASE, ch, st, a);
        if (st == APPROVED) lastSale[m] = i;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian of its own in every JDK
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private void set(int i, byte k, byte ch, byte st, long a) {
        kind[i] = k;
        channel[i] = ch;
        status[i] = st;
        amount[i] = a;
    }

    int size() { return size; }

    /** Transactions per status, e.g. {APPROVED=..., DECLINED=...}, for the report. */
    Map<String, Integer> statusCounts() {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < size; i++) out.merge(STATUSES[status[i]] + (kind[i] == PURCHASE ? "" : "_" + KINDS[kind[i]]), 1, Integer::sum);
        return out;
    }

    /**
     * The clearing of business date {@code d}, computed here from the generated data: approved sales
     * minus approved refunds per merchant, fee per sale half-up at the merchant's rate for the channel.
     * Keyed by merchant id; merchants without a cleared transaction are absent.
     */
    Map<String, Expected> expected(LocalDate d) {
        int di = dates.indexOf(d);
        int ms = merchants.size();
        int[] sc = new int[ms], rc = new int[ms];
        long[] sa = new long[ms], ra = new long[ms], fee = new long[ms];
        boolean[] seen = new boolean[ms];
        for (int i = 0; i < size; i++) {
            if (date[i] != di || status[i] != APPROVED) continue;
            int m = merchant[i];
            if (kind[i] == PURCHASE) {
                Merchant mm = merchants.get(m);
                int bp = channel[i] == QR ? mm.qrFeeBp() : mm.cardFeeBp();
                sc[m]++;
                sa[m] += amount[i];
                fee[m] += (amount[i] * bp + 5_000) / 10_000;
                seen[m] = true;
            } else if (kind[i] == REFUND) {
                rc[m]++;
                ra[m] += amount[i];
                seen[m] = true;
            }
        }
        Map<String, Expected> out = new HashMap<>();
        for (int m = 0; m < ms; m++) {
            if (seen[m]) out.put(merchants.get(m).id(), new Expected(sc[m], sa[m], rc[m], ra[m], fee[m]));
        }
        return out;
    }

    /**
     * Inserts every transaction in batches of {@code batch}, committing every ten batches. With
     * {@code rebuildIndexes} the table's unique constraints and secondary indexes are dropped first and
     * recreated, exactly as the catalog described them, once the rows are in (H2 then builds each index
     * by sorting instead of one random B-tree insert per row: minutes become seconds at a million rows);
     * the primary key, and so the order of rows on disk, is the same either way. Ends with ANALYZE, as
     * H2's automatic statistics would have run while the host recorded the rows.
     */
    void insert(DataSource db, int batch, boolean rebuildIndexes) throws SQLException {
        try (Connection c = db.getConnection()) {
            SecondaryIndexes indexes = SecondaryIndexes.of(c, "TRANSACTIONS");
            if (rebuildIndexes) indexes.drop(c);
            insert(c, batch);
            if (rebuildIndexes) indexes.create(c);
            try (var s = c.createStatement()) {
                s.execute("ANALYZE TABLE transactions");
            }
        }
    }

    private void insert(Connection c, int batch) throws SQLException {
        String sql = "INSERT INTO transactions (rrn, kind, channel, profile, mti, processing_code, tid, mid, stan, request_key, batch_no, "
                + "amount, currency, entry_mode, pan_masked, response_code, auth_code, status, original_rrn, refunded_amount, business_date, "
                + "captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String[] tids = new String[merchants.size()];
        for (int m = 0; m < tids.length; m++) tids[m] = String.format("T%07d", m);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int i = 0; i < size; i++) {
                boolean qr = channel[i] == QR;
                ps.setString(1, rrn(i));
                ps.setString(2, KINDS[kind[i]]);
                ps.setString(3, qr ? "QR" : "CARD");
                ps.setString(4, (i & 1) == 0 ? "iso87a" : "cup");
                ps.setString(5, "0200");
                ps.setString(6, CODES[kind[i]]);
                ps.setString(7, tids[merchant[i]]);
                ps.setString(8, merchants.get(merchant[i]).id());
                ps.setString(9, String.format("%06d", i % 1_000_000));
                ps.setString(10, Integer.toString(i));
                ps.setInt(11, 1);
                ps.setLong(12, amount[i]);
                ps.setString(13, "156");
                ps.setString(14, qr ? null : ENTRY[i % 3]);
                ps.setString(15, qr ? null : "622202******" + String.format("%04d", i % 10_000));
                ps.setString(16, status[i] == DECLINED ? "51" : "00");
                ps.setString(17, status[i] == DECLINED ? null : String.format("%06d", i % 999_983));
                ps.setString(18, STATUSES[status[i]]);
                ps.setString(19, original[i] < 0 ? null : rrn(original[i]));
                ps.setLong(20, refunded[i]);
                ps.setObject(21, dates.get(date[i]));
                ps.setObject(22, OffsetDateTime.ofInstant(Instant.ofEpochMilli(capturedMillis[i]), ZoneOffset.UTC));
                ps.addBatch();
                if ((i + 1) % batch == 0) {
                    ps.executeBatch();
                    if ((i + 1) % (batch * 10) == 0) c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private String rrn(int i) {
        return Long.toString(rrnBase + i);
    }
}
