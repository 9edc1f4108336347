package io.acqsim.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used. The message always names the file and the key, so a
 * user can go straight to the line to fix: {@code cfg/registry.yml: merchants[2].bank: unknown bank 'XYZ'}.
 */
public final class ConfigError extends RuntimeException {
    private final Path file;
    private final String key;

    public ConfigError(Path file, String key, String problem) {
        this(file, key, problem, null);
    }

    public ConfigError(Path file, String key, String problem, Throwable cause) {
        super(file + (key == null || key.isEmpty() ? "" : ": " + key) + ": " + problem, cause);
        this.file = file;
        this.key = key;
    }

    public Path file() { return file; }

    public String key() { return key; }
}
