package io.acqsim.script;

/** A script that cannot be read or run as written; the message names the file, the step and the key. */
public final class ScriptError extends IllegalArgumentException {
    public ScriptError(String message) {
        super(message);
    }

    public ScriptError(String message, Throwable cause) {
        super(message, cause);
    }
}
