package io.acqsim.load;

/**
 * {@code --tps}: a target rate in requests per second (open loop) or {@code max} (closed loop: every
 * terminal sends its next request as soon as the previous one is answered).
 */
public record Rate(double perSecond) {
    public static final Rate MAX = new Rate(Double.POSITIVE_INFINITY);

    public Rate {
        if (Double.isNaN(perSecond) || perSecond <= 0) throw new IllegalArgumentException("a rate must be above 0");
    }

    public static Rate parse(String s) {
        String v = s.trim();
        if (v.equalsIgnoreCase("max")) return MAX;
        double r;
        try {
            r = Double.parseDouble(v.endsWith("/s") ? v.substring(0, v.length() - 2) : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is neither a rate in requests per second (e.g. 200) nor 'max'");
        }
        if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException("rate '" + s + "' must be above 0 (or 'max' for closed loop)");
        if (r > 1_000_000) throw new IllegalArgumentException("rate '" + s + "' is above 1,000,000 per second");
        return new Rate(r);
    }

    public boolean closedLoop() {
        return Double.isInfinite(perSecond);
    }

    @Override
    public String toString() {
        return closedLoop() ? "max" : (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond)) + "/s";
    }
}
