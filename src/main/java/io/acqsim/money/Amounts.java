package io.acqsim.money;

import java.math.BigDecimal;

/** Amounts as users type them, in major units ("12.34"), to minor units (1234) and back; money is a long of minor units. */
public final class Amounts {
    private Amounts() {
    }

    /** "12.34" → 1234; not a number, not positive, more than two decimals or more than 12 digits of fen is refused. */
    public static long parse(String s) {
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an amount such as 12.34");
        }
        if (v.signum() <= 0) throw new IllegalArgumentException("amount " + s + " must be greater than zero");
        if (v.scale() > 2) throw new IllegalArgumentException("amount " + s + " has more than two decimals");
        // by the digits before the point first: comparing "1e100000000" with the limit computes 10^100000000
        if (v.precision() - v.scale() > 10) throw new IllegalArgumentException("amount " + s + " does not fit 12 digits of fen");
        BigDecimal minor = v.movePointRight(2);
        if (minor.compareTo(BigDecimal.valueOf(999_999_999_999L)) > 0) throw new IllegalArgumentException("amount " + s + " does not fit 12 digits of fen");
        return minor.longValueExact();
    }

    /** 1234 → "12.34". */
    public static String format(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
