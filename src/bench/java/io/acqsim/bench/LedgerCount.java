package io.acqsim.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Reads a stopped host's H2 ledger from disk and prints {@code STATUS=COUNT} per transaction status,
 * e.g. {@code APPROVED=61234}: the benchmark checks that every approval the client saw was committed.
 *
 * <pre>java -cp ... io.acqsim.bench.LedgerCount DATA_DIR</pre>
 */
public final class LedgerCount {
    private LedgerCount() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + data.resolve("ledger/acqsim") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM transactions GROUP BY status ORDER BY status")) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) sb.append(sb.isEmpty() ? "" : " ").append(rs.getString(1)).append('=').append(rs.getLong(2));
            System.out.println(sb.isEmpty() ? "EMPTY=0" : sb);
        }
    }
}
