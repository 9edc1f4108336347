package io.acqsim.yaml;

import java.nio.file.Path;

/**
 * A file a user wrote (configuration, calendar, scenario, script, packager) that cannot be used. The
 * message says where, in one format for every file: {@code SOURCE:LINE: KEY: problem}, e.g.
 * {@code cfg/registry.yml:14: merchants[2].bank: unknown bank 'XYZ'}. The line is left out when it is
 * not known (a missing file, a value set on the command line), the key when the problem is the whole
 * file.
 */
public class FileError extends RuntimeException {
    private final Path file;
    private final String source;
    private final int line;
    private final String key;
    private final String problem;

    /** A problem with no line (a missing file, a key whose place is not known), naming the file as the path was given. */
    public FileError(Path file, String key, String problem) {
        this(file, key, problem, null);
    }

    public FileError(Path file, String key, String problem, Throwable cause) {
        this(file, String.valueOf(file), 0, key, problem, cause);
    }

    /**
     * @param file    the file, or null when the text did not come from one (an HTTP request body)
     * @param source  what the message calls it: the path, the file's name, "request body"
     * @param line    1-based, or 0 when unknown
     * @param key     the key path ({@code merchants[2].bank}), or empty for the whole file
     */
    public FileError(Path file, String source, int line, String key, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem, cause);
        this.file = file;
        this.source = source;
        this.line = line;
        this.key = key == null ? "" : key;
        this.problem = problem;
    }

    /** The same problem, for a subtype whose name callers catch. */
    protected FileError(FileError e) {
        this(e.file, e.source, e.line, e.key, e.problem, e.getCause());
        setStackTrace(e.getStackTrace());
    }

    /** The file, or null when the text did not come from one. */
    public Path file() { return file; }

    public String source() { return source; }

    /** 1-based; 0 when unknown. */
    public int line() { return line; }

    /** The key path, or empty when the problem is the whole file. */
    public String key() { return key; }

    /** The problem without the where. */
    public String problem() { return problem; }
}
