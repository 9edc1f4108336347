package io.acqsim.fuzz;

import java.util.List;

/**
 * The contract every fuzz target checks: feeding product code any bytes ends in a result or in one of
 * that code's documented refusals (a {@code FormatError}, an {@code IllegalArgumentException}, an
 * {@code InputFailure}, ...) carrying a message a user can read. Any other throwable — a
 * NullPointerException, an index out of bounds, an OutOfMemoryError, a StackOverflowError — passes
 * through untouched for Jazzer (or the replaying test) to report; a documented refusal without a message
 * becomes a {@link Broken}. Endless loops are caught by the per-input timeout of whoever runs the target.
 */
public final class Contract {
    private Contract() {
    }

    /** A step that may throw anything. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** A documented refusal without a message: the user would see an error that says nothing. */
    public static final class Broken extends AssertionError {
        private static final long serialVersionUID = 1L;

        Broken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code step}; returns normally when it completed or threw an exception of one of the
     * {@code refusals} types with a message. Anything else is thrown on.
     */
    public static void refusals(Step step, List<Class<? extends Throwable>> refusals) throws Exception {
        try {
            step.run();
        } catch (Exception e) {
            if (refusals.stream().noneMatch(t -> t.isInstance(e))) throw e;
            requireMessage(e);
        }
    }

    /** A reason shown to users (a format error's, a skipped record's) must say something. */
    public static void requireText(String what, String text) {
        if (text == null || text.isBlank()) throw new Broken(what + " is empty", null);
    }

    /** A documented refusal must say what was wrong. */
    public static void requireMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) throw new Broken(e.getClass().getName() + " without a message", e);
    }
}
