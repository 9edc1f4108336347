package io.acqsim.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The unique constraints and plain secondary indexes of one H2 table, read from the catalog so that they
 * can be dropped before a bulk load and recreated identically after it (names and column order kept).
 */
final class SecondaryIndexes {
    private final List<String> drops;
    private final List<String> creates;

    private SecondaryIndexes(List<String> drops, List<String> creates) {
        this.drops = drops;
        this.creates = creates;
    }

    static SecondaryIndexes of(Connection c, String table) throws SQLException {
        List<String> drops = new ArrayList<>(), creates = new ArrayList<>();
        for (String name : names(c, "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = 'PUBLIC' "
                + "AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'UNIQUE' ORDER BY CONSTRAINT_NAME", table)) {
            List<String> cols = names(c, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = 'PUBLIC' "
                    + "AND CONSTRAINT_NAME = ? ORDER BY ORDINAL_POSITION", name);
            drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
            creates.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " UNIQUE (" + String.join(", ", cols) + ")");
        }
        for (String name : names(c, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'PUBLIC' "
                + "AND TABLE_NAME = ? AND INDEX_TYPE_NAME = 'INDEX' ORDER BY INDEX_NAME", table)) {
            List<String> cols = names(c, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' "
                    + "AND INDEX_NAME = ? ORDER BY ORDINAL_POSITION", name);
            drops.add("DROP INDEX " + name);
            creates.add("CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", cols) + ")");
        }
        return new SecondaryIndexes(drops, creates);
    }

    void drop(Connection c) throws SQLException {
        run(c, drops);
    }

    void create(Connection c) throws SQLException {
        run(c, creates);
    }

    @Override
    public String toString() {
        return String.join("; ", creates);
    }

    private static void run(Connection c, List<String> ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : ddl) s.execute(sql);
        }
    }

    private static List<String> names(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }
}
