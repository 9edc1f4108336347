package io.acqsim.ledger;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ledger's JDBC URL as users may see it, and what a failure to reach its database means. A URL can carry
 * credentials ({@code jdbc:postgresql://u:secret@db/acqsim}, {@code ?password=secret}, H2's {@code ;PASSWORD=secret}),
 * so nothing prints a ledger URL except through {@link #redacted}.
 */
public final class LedgerUrl {
    private static final Pattern H2_SECRET = Pattern.compile("(?i);(PASSWORD|USER)=[^;]*");

    private LedgerUrl() {
    }

    public static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    public static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * The URL without what may be secret: on PostgreSQL the query parameters (user, password, sslpassword, ...) and
     * any {@code user:password@} before the host; on H2 its {@code USER} and {@code PASSWORD} settings. Other URLs
     * keep only their scheme.
     */
    public static String redacted(String url) {
        if (isPostgres(url)) {
            int query = url.indexOf('?');
            String base = query < 0 ? url : url.substring(0, query);
            int at = base.lastIndexOf('@');
            String scheme = "jdbc:postgresql://";
            if (at >= 0 && base.startsWith(scheme)) base = scheme + base.substring(at + 1);
            return query < 0 ? base : base + "?…";
        }
        if (isH2(url)) return H2_SECRET.matcher(url).replaceAll("");
        int colon = url.indexOf(':', "jdbc:".length());
        return colon < 0 ? "(an unrecognised URL)" : url.substring(0, colon + 1) + "…";
    }

    /**
     * One line saying why the ledger's database could not be opened, for the SQL states users can fix: the server
     * unreachable, the credentials refused, the database missing. Null for any other failure (its own message says it).
     */
    static String problem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!(t instanceof SQLException e) || e.getSQLState() == null) continue;
            String state = e.getSQLState().toUpperCase(Locale.ROOT);
            // 08004 with a password in its message: the server asked for one and none (or an empty one) was configured
            boolean noPassword = state.equals("08004") && String.valueOf(e.getMessage()).contains("password");
            if (state.equals("28P01") || state.equals("28000") || noPassword) {
                return "the database refused the credentials (ledger.user / ledger.password in cfg, or ACQSIM_LEDGER_USER / "
                        + "ACQSIM_LEDGER_PASSWORD): " + e.getMessage();
            }
            if (state.equals("3D000")) return "the database does not exist (create it first, e.g. createdb acqsim): " + e.getMessage();
            if (state.startsWith("08")) return "cannot reach the database server (is it running, on that host and port?): " + e.getMessage();
        }
        return null;
    }
}
