package io.acqsim.payout;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instant and TIMESTAMP WITH TIME ZONE, both ways; null stays null. */
final class Sql {
    private Sql() {
    }

    static void instant(PreparedStatement ps, int i, Instant at) throws SQLException {
        ps.setObject(i, at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
