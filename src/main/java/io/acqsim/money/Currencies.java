package io.acqsim.money;

import java.util.Currency;

/** ISO 4217 codes as the ledger keeps them (numeric, "156") and as people read them ("CNY"). */
public final class Currencies {
    private Currencies() {
    }

    /** "156" → "CNY"; an alphabetic code, or a numeric one the JDK does not know, is returned as given. */
    public static String alpha(String code) {
        if (code == null || !code.matches("\\d{3}")) return code;
        int numeric = Integer.parseInt(code);
        for (Currency c : Currency.getAvailableCurrencies()) {
            if (c.getNumericCode() == numeric) return c.getCurrencyCode();
        }
        return code;
    }
}
