package io.acqsim.config;

/** Whole numbers read from text a user wrote (a query parameter, a fault spec), with one wording of the error. */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /**
     * {@code text} as a whole number in {@code [min, max]}.
     *
     * @param name what the error names, e.g. {@code limit} or {@code bytes}
     * @throws IllegalArgumentException "name: 'text' must be a whole number from min to max"
     */
    public static long parse(String name, String text, long min, long max) {
        try {
            return parse(text, min, max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same without a name, for callers that say where the text came from themselves (a scenario's
     * file, line and key).
     *
     * @throws IllegalArgumentException "'text' must be a whole number from min to max"
     */
    public static long parse(String text, long min, long max) {
        try {
            long n = Long.parseLong(text.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // fall through to the one message
        }
        throw new IllegalArgumentException("'" + text + "' must be a whole number from " + min + " to " + max);
    }
}
