package io.acqsim.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The databases the ledger, settlement and host tests run on: H2 always, PostgreSQL when one is configured
 * ({@link TestPostgres}; its cases are skipped otherwise). A test class runs on both with
 * {@code @ParameterizedClass @EnumSource(TestDatabase.class)} and a {@code @Parameter TestDatabase database} field.
 */
public enum TestDatabase {
    H2,
    POSTGRESQL;

    /** The file in a ledger directory that names its PostgreSQL schema, so a reopened ledger finds its tables again. */
    private static final String SCHEMA_URL_FILE = "postgresql-test-url";

    /**
     * A one-host ledger in {@code dir}, new or as a previous test step left it: on H2 its database file, on PostgreSQL a
     * schema of its own on the configured server (the journal is in {@code dir} either way). The PostgreSQL case
     * skips the calling test when no server is configured.
     */
    public LedgerSettings ledger(Path dir) {
        return switch (this) {
            case H2 -> LedgerSettings.h2(dir);
            case POSTGRESQL -> new LedgerSettings(schemaUrl(dir), null, null, 256, dir.resolve("journal"), false);
        };
    }

    /**
     * The host settings ({@code --set} keys) that put a host's ledger on this database for the data directory
     * {@code dataDir}: none for H2 (the shipped default), the ledger URL of a schema of its own for PostgreSQL.
     */
    public Map<String, String> hostOverrides(Path dataDir) {
        return switch (this) {
            case H2 -> Map.of();
            case POSTGRESQL -> Map.of("ledger.url", schemaUrl(dataDir.resolve("ledger")));
        };
    }

    private static String schemaUrl(Path dir) {
        Path file = dir.resolve(SCHEMA_URL_FILE);
        try {
            if (Files.isRegularFile(file)) return Files.readString(file).strip();
            String url = TestPostgres.freshSchema();
            Files.createDirectories(dir);
            Files.writeString(file, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
