package io.acqsim.ledger;

import java.nio.file.Path;

/**
 * Where the ledger lives and how it writes.
 *
 * @param url        JDBC URL of the tables (H2 embedded by default; any JDBC URL)
 * @param groupMax   most writes made durable by one journal append
 * @param journal    the journal's directory
 * @param sync       whether each journal append is also forced to the device ({@code fdatasync}); off, an
 *                   approval survives a {@code kill -9} of the host but not a power cut of the machine
 * @param durability where a write is durable: the journal (one host) or the shared database (cluster mode)
 */
public record LedgerSettings(String url, String user, String password, int groupMax, Path journal, boolean sync, Durability durability) {

    /** Journal durability, one host. */
    public LedgerSettings(String url, String user, String password, int groupMax, Path journal, boolean sync) {
        this(url, user, password, groupMax, journal, sync, Durability.JOURNAL);
    }

    /** An H2 ledger in {@code dir} ({@code dir/acqsim.mv.db}, journal in {@code dir/journal}), default group size, no sync. */
    public static LedgerSettings h2(Path dir) {
        return new LedgerSettings("jdbc:h2:file:" + dir.toAbsolutePath().resolve("acqsim") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 256,
                dir.resolve("journal"), false);
    }

    public LedgerSettings withGroupMax(int max) {
        return new LedgerSettings(url, user, password, max, journal, sync, durability);
    }

    public LedgerSettings withSync(boolean on) {
        return new LedgerSettings(url, user, password, groupMax, journal, on, durability);
    }

    public LedgerSettings withDurability(Durability d) {
        return new LedgerSettings(url, user, password, groupMax, journal, sync, d);
    }
}
