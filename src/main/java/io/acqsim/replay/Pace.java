package io.acqsim.replay;

import java.time.Duration;
import java.util.Locale;

/**
 * How fast requests go out: {@code max} — each connection sends its next request as soon as the previous
 * one is answered (closed loop); {@code original} — at the recorded gaps; {@code xN} — at the recorded gaps
 * divided by N ({@code x2} twice as fast, {@code x0.5} half as fast). The last two are open loop: a request
 * goes out at its time whether or not earlier ones were answered, and the report says how late sends were.
 */
public record Pace(double factor) {
    public static final Pace MAX = new Pace(Double.POSITIVE_INFINITY);
    public static final Pace ORIGINAL = new Pace(1);

    public boolean isMax() { return Double.isInfinite(factor); }

    /** The wall-clock offset from the run's start at which a request recorded {@code recorded} after the first goes out. */
    public long offsetNanos(Duration recorded) {
        return (long) (recorded.toNanos() / factor);
    }

    public static Pace of(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("max")) return MAX;
        if (v.equals("original")) return ORIGINAL;
        if (v.startsWith("x")) {
            try {
                double f = Double.parseDouble(v.substring(1));
                if (f > 0 && Double.isFinite(f)) return new Pace(f);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("--pace: '" + s + "' is not original, max or xN with N > 0 (x2, x10, x0.5)");
    }

    @Override
    public String toString() {
        if (isMax()) return "max";
        if (factor == 1) return "original";
        return "x" + (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor));
    }
}
