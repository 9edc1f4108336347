package io.acqsim.cli;

import java.math.BigDecimal;

/** Amounts as users type them, in major units ("12.34"), to minor units (1234) and back. */
final class Amounts {
    private Amounts() {
    }

    static long parse(String s) {
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an amount such as 12.34");
        }
        if (v.signum() <= 0) throw new IllegalArgumentException("amount " + s + " must be greater than zero");
        if (v.scale() > 2) throw new IllegalArgumentException("amount " + s + " has more than two decimals");
        BigDecimal minor = v.movePointRight(2);
        if (minor.compareTo(BigDecimal.valueOf(999_999_999_999L)) > 0) throw new IllegalArgumentException("amount " + s + " does not fit 12 digits of fen");
        return minor.longValueExact();
    }

    static String format(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
