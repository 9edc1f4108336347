package io.acqsim.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** {@code GET /api/transactions}: the ledger's transactions, newest first, filtered, at most {@code limit}. */
final class TransactionList {
    /** One transaction as the API shows it; PAN masked 6/4 as stored. */
    record View(String rrn, String kind, String channel, String profile, String mti, String processingCode, String tid,
                String merchantId, String stan, int batch, long amount, String currency, String entryMode, String panMasked,
                String responseCode, String authCode, String status, String originalRrn, long refundedAmount,
                LocalDate businessDate, OffsetDateTime capturedAt) {
    }

    /** Filters; null = any. */
    record Filter(String tid, String merchantId, LocalDate businessDate, String status, int limit) {
    }

    private final DataSource db;
    private final ZoneId zone;

    TransactionList(DataSource db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    List<View> list(Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM transactions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.tid() != null) { sql.append(" AND tid = ?"); args.add(f.tid()); }
        if (f.merchantId() != null) { sql.append(" AND mid = ?"); args.add(f.merchantId()); }
        if (f.businessDate() != null) { sql.append(" AND business_date = ?"); args.add(f.businessDate()); }
        if (f.status() != null) { sql.append(" AND status = ?"); args.add(f.status()); }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(f.limit());
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            List<View> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new View(rs.getString("rrn"), rs.getString("kind"), rs.getString("channel"), rs.getString("profile"),
                            rs.getString("mti"), rs.getString("processing_code"), rs.getString("tid"), rs.getString("mid"),
                            rs.getString("stan"), rs.getInt("batch_no"), rs.getLong("amount"), rs.getString("currency"),
                            rs.getString("entry_mode"), rs.getString("pan_masked"), rs.getString("response_code"),
                            rs.getString("auth_code"), rs.getString("status"), rs.getString("original_rrn"),
                            rs.getLong("refunded_amount"), rs.getObject("business_date", LocalDate.class),
                            rs.getObject("captured_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime()));
                }
            }
            return out;
        }
    }
}
