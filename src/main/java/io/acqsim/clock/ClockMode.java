package io.acqsim.clock;

/**
 * How simulated time runs: {@code real} (one simulated second per real second), {@code fast:N}
 * (N simulated seconds per real second) or {@code manual} (time stands still until advanced or set).
 *
 * @param rate simulated nanoseconds per real nanosecond; 0 for manual
 */
public record ClockMode(String name, double rate) {
    public static final ClockMode REAL = new ClockMode("real", 1);
    public static final ClockMode MANUAL = new ClockMode("manual", 0);

    /** Parses {@code real}, {@code manual} or {@code fast:N} (N a number above 0, at most 1,000,000). */
    public static ClockMode parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("real")) return REAL;
        if (t.equals("manual")) return MANUAL;
        if (t.startsWith("fast:")) {
            String n = t.substring(5);
            double rate;
            try {
                rate = Double.parseDouble(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("clock mode '" + text + "': N in fast:N must be a number, got '" + n + "'");
            }
            if (!(rate > 0) || rate > 1_000_000) {
                throw new IllegalArgumentException("clock mode '" + text + "': N in fast:N must be above 0 and at most 1000000");
            }
            return new ClockMode("fast:" + n, rate);
        }
        throw new IllegalArgumentException("clock mode '" + text + "' is not one of real, fast:N, manual");
    }

    public boolean manual() { return rate == 0; }

    @Override
    public String toString() { return name; }
}
