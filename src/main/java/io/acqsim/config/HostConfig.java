package io.acqsim.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import io.acqsim.ledger.Durability;
import io.acqsim.message.ResponseCode;

/**
 * The host's settings from {@code cfg/acqsim.yml} (or {@code --config FILE}), defaulted and validated
 * once at start. Registry and issuer rules live in their own files, named here relative to this one.
 *
 * @param bindAddress      address every listener binds to; loopback by default
 * @param cupPort          profile cup listener; 0 picks a free port
 * @param iso87aPort       profile iso87a listener; 0 picks a free port
 * @param zone             the acquirer's time zone for local dates and the cutover
 * @param cutover          local time from which a capture belongs to the next business date
 * @param idleTimeout      a terminal connection silent this long (or stuck mid-frame) is closed
 * @param maxFrameBytes    frames announcing more than this are refused and the connection closed
 * @param sessions         TransactionManager sessions (virtual threads) working at once
 * @param maxAmountMinor   single-transaction ceiling; above it the host answers 61
 * @param unknownReversalAnswer answer to a reversal whose original is unknown: "00" or "25"
 * @param groupCommitMax   most ledger writes made durable together by one journal append
 * @param ledgerJournal    directory of the ledger's journal
 * @param ledgerSync       whether each journal append is forced to the device (fdatasync)
 * @param ledgerDurability where a ledger write is durable: the journal (one host) or the shared PostgreSQL database (cluster mode)
 * @param adminPort        admin HTTP API; 0 picks a free port
 * @param settlement       payout times, calendar name, bank-link retry spacing, random seed
 * @param calendarDir      directory of calendar files (cfg/calendars)
 * @param keysFile         terminal master keys per range, the LMK file and the MAC setting (cfg/keys/terminal-keys.yml)
 * @param tls              TLS on the terminal ports (off by default)
 * @param cluster          cluster mode: this node's name and where its ledger writes are durable (off by default)
 */
public record HostConfig(
        Path file,
        String bindAddress,
        int cupPort,
        int iso87aPort,
        int adminPort,
        ZoneId zone,
        String currency,
        LocalTime cutover,
        Duration idleTimeout,
        int maxFrameBytes,
        int sessions,
        long maxAmountMinor,
        ResponseCode unknownReversalAnswer,
        String ledgerUrl,
        String ledgerUser,
        String ledgerPassword,
        int groupCommitMax,
        Path ledgerJournal,
        boolean ledgerSync,
        Durability ledgerDurability,
        Path registryFile,
        Path issuerFile,
        Path packagerDir,
        Path calendarDir,
        Path keysFile,
        SettlementSettings settlement,
        TlsSettings tls,
        ClusterSettings cluster) {

    private static final Set<String> KEYS = Set.of(
            "host.bind-address", "host.ports.cup", "host.ports.iso87a", "host.ports.admin", "host.timezone", "host.currency", "host.cutover",
            "host.idle-timeout", "host.max-frame-bytes", "host.sessions",
            "limits.max-amount-minor",
            "reversal.unknown-original-answer",
            "ledger.url", "ledger.user", "ledger.password", "ledger.group-commit-max", "ledger.journal", "ledger.sync", "ledger.durability",
            "settlement.calendar", "settlement.payout-time", "settlement.d0-payout-time", "settlement.retry-first",
            "settlement.retry-max", "settlement.seed",
            "files.registry", "files.issuer", "files.packagers", "files.calendars", "files.keys",
            "chip.downloads",
            "host.tls.enabled", "host.tls.keystore", "host.tls.keystore-password", "host.tls.key-password",
            "cluster.node");

    /** The environment variables that override {@code ledger.user} and {@code ledger.password}, so no password need be in a file. */
    public static final String LEDGER_USER_ENV = "ACQSIM_LEDGER_USER";
    public static final String LEDGER_PASSWORD_ENV = "ACQSIM_LEDGER_PASSWORD";

    /** Loads and validates; {@code dataDir} fills the {@code {data}} token in the ledger URL. */
    public static HostConfig load(Path file, Path dataDir, Map<String, String> overrides) {
        return load(file, dataDir, overrides, Map.of());
    }

    /**
     * As {@link #load(Path, Path, Map)}, with {@value #LEDGER_USER_ENV} and {@value #LEDGER_PASSWORD_ENV} from {@code env},
     * when set and not blank, in place of the file's {@code ledger.user} and {@code ledger.password}.
     */
    public static HostConfig load(Path file, Path dataDir, Map<String, String> overrides, Map<String, String> env) {
        ConfigFile c = ConfigFile.load(file, overrides);
        c.rejectUnknownKeys(KEYS);
        Path dir = file.toAbsolutePath().getParent();
        String text = c.string("reversal.unknown-original-answer", ResponseCode.ORIGINAL_NOT_FOUND.code());
        ResponseCode answer = switch (text) {
            case "00" -> ResponseCode.APPROVED;
            case "25" -> ResponseCode.ORIGINAL_NOT_FOUND;
            default -> throw c.error("reversal.unknown-original-answer", "'" + text + "' must be \"00\" or \"25\"");
        };
        String currency = c.string("host.currency", "156");
        if (!currency.matches("\\d{3}")) throw c.error("host.currency", "'" + currency + "' is not an ISO 4217 numeric code");
        String ledgerUrl = c.string("ledger.url", "jdbc:h2:file:{data}/ledger/acqsim;DB_CLOSE_ON_EXIT=FALSE")
                .replace("{data}", dataDir.toAbsolutePath().toString());
        ClusterSettings cluster = ClusterSettings.load(c, ledgerUrl);
        return new HostConfig(
                file,
                c.string("host.bind-address", "127.0.0.1"),
                c.integer("host.ports.cup", 8583, 0, 65535),
                c.integer("host.ports.iso87a", 8584, 0, 65535),
                c.integer("host.ports.admin", 8780, 0, 65535),
                zone(c, "host.timezone"),
                currency,
                localTime(c, "host.cutover", "23:00"),
                c.duration("host.idle-timeout", Duration.ofMinutes(5)),
                c.integer("host.max-frame-bytes", 8192, 64, 65535),
                c.integer("host.sessions", 256, 1, 100_000),
                c.longValue("limits.max-amount-minor", 100_000_000L, 1, 999_999_999_999L),
                answer,
                ledgerUrl,
                fromEnv(env, LEDGER_USER_ENV, c.string("ledger.user", "sa")),
                fromEnv(env, LEDGER_PASSWORD_ENV, c.string("ledger.password", "")),
                c.integer("ledger.group-commit-max", 256, 1, 10_000),
                Path.of(c.string("ledger.journal", "{data}/ledger/journal").replace("{data}", dataDir.toAbsolutePath().toString())),
                c.bool("ledger.sync", false),
                durability(c, cluster),
                existing(c, dir, "files.registry", "registry.yml", false),
                existing(c, dir, "files.issuer", "issuer.yml", false),
                existing(c, dir, "files.packagers", "packagers", true),
                existing(c, dir, "files.calendars", "calendars", true),
                existing(c, dir, "files.keys", "keys/terminal-keys.yml", false),
                settlement(c),
                tls(c, dir),
                cluster);
    }

    private static String fromEnv(Map<String, String> env, String name, String otherwise) {
        String v = env.get(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    /**
     * ledger.durability: journal (one host, the default) or database (the shared PostgreSQL ledger; the default, and
     * the only choice, in cluster mode: with journals a node could not see another node's approvals, nor the leader
     * clear what other nodes have not yet applied).
     */
    private static Durability durability(ConfigFile c, ClusterSettings cluster) {
        String text = c.string("ledger.durability", cluster.enabled() ? "database" : "journal");
        if (cluster.enabled() && !text.equals("database")) {
            throw c.error("ledger.durability", "'" + text + "': cluster mode (cluster.node, --node) keeps every write in the shared database;"
                    + " use \"database\" (the default with --node)");
        }
        return switch (text) {
            case "journal" -> Durability.JOURNAL;
            case "database" -> Durability.DATABASE;
            default -> throw c.error("ledger.durability", "'" + text + "' must be \"journal\" (one host) or \"database\" (cluster mode, PostgreSQL)");
        };
    }

    /** host.tls.*: with TLS on, the keystore must open with its password and hold a key, else the start stops here. */
    private static TlsSettings tls(ConfigFile c, Path dir) {
        if (!c.bool("host.tls.enabled", false)) return TlsSettings.OFF;
        if (!c.has("host.tls.keystore")) throw c.error("host.tls.keystore", "required with host.tls.enabled: true (bin/acqsim tls-cert makes one)");
        Path keystore = dir.resolve(c.string("host.tls.keystore", "")).normalize();
        String password = c.string("host.tls.keystore-password", "");
        String keyPassword = c.has("host.tls.key-password") ? c.string("host.tls.key-password", "") : password;
        try {
            return new TlsSettings(true, keystore, password, keyPassword,
                    io.acqsim.tls.HostKeystore.check(keystore, password.toCharArray(), keyPassword.toCharArray()));
        } catch (IllegalArgumentException e) {
            throw c.error("host.tls.keystore", e.getMessage());
        }
    }

    private static SettlementSettings settlement(ConfigFile c) {
        Duration first = c.duration("settlement.retry-first", Duration.ofMinutes(1));
        Duration max = c.duration("settlement.retry-max", Duration.ofHours(1));
        if (first.isZero() || first.isNegative()) throw c.error("settlement.retry-first", "must be a positive duration such as PT1M");
        if (max.compareTo(first) < 0) throw c.error("settlement.retry-max", "must be at least settlement.retry-first (" + first + ")");
        String calendar = c.string("settlement.calendar", "cn");
        if (!calendar.matches("[a-z0-9-]+")) throw c.error("settlement.calendar", "'" + calendar + "' is not a calendar name such as cn");
        return new SettlementSettings(calendar, localTime(c, "settlement.payout-time", "10:00"),
                localTime(c, "settlement.d0-payout-time", "23:30"), new Backoff(first, max),
                c.longValue("settlement.seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** A file (or directory) named relative to the config file; a missing one names the key that names it. */
    private static Path existing(ConfigFile c, Path dir, String key, String def, boolean directory) {
        Path p = dir.resolve(c.string(key, def)).normalize();
        if (directory ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            throw c.error(key, (directory ? "directory '" : "file '") + p + "' not found");
        }
        return p;
    }

    private static ZoneId zone(ConfigFile c, String key) {
        String s = c.string(key, "Asia/Shanghai");
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw c.error(key, "'" + s + "' is not a time zone such as Asia/Shanghai");
        }
    }

    private static LocalTime localTime(ConfigFile c, String key, String def) {
        String s = c.string(key, def);
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            throw c.error(key, "'" + s + "' is not a local time such as 23:00");
        }
    }
}
