package io.acqsim.scenario;

import io.acqsim.yaml.FileError;

/**
 * A scenario (or a single fault) that cannot be used, naming where: {@code FILE:LINE: KEY: problem}.
 * Nothing of a refused scenario is activated. The where and its format are {@link FileError}'s; this
 * name lets the fault proxy, the API and the CLI tell a refused scenario from other file problems.
 */
public final class ScenarioError extends FileError {
    public ScenarioError(String source, int line, String key, String problem) {
        super(null, source, line, key, problem, null);
    }

    /** A problem the YAML reader found, as a scenario's. */
    ScenarioError(FileError e) {
        super(e);
    }
}
