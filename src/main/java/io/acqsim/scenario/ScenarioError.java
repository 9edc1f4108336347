package io.acqsim.scenario;

/**
 * A scenario (or a single fault) that cannot be used, naming where: {@code FILE:LINE: KEY: problem}.
 * Nothing of a refused scenario is activated.
 */
public final class ScenarioError extends RuntimeException {
    private final String source;
    private final int line;
    private final String key;

    public ScenarioError(String source, int line, String key, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem);
        this.source = source;
        this.line = line;
        this.key = key;
    }

    public String source() { return source; }

    public int line() { return line; }

    public String key() { return key; }
}
