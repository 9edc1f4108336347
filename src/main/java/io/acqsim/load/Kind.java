package io.acqsim.load;

import java.util.Locale;

/** The kinds of request a load run mixes; the name is what {@code --mix} says. */
public enum Kind {
    /** A card purchase (entry mode 021, 051 or 071 in turn). */
    PURCHASE,
    /** A QR purchase: entry mode 031, the payment code in field 48. */
    QR,
    /** A refund of part or all of one of the terminal's own approved purchases. */
    REFUND,
    /** A void of one of the terminal's own approved purchases. */
    VOID;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String name) {
        for (Kind k : values()) {
            if (k.id().equals(name.trim().toLowerCase(Locale.ROOT))) return k;
        }
        throw new IllegalArgumentException("unknown kind '" + name + "' (kinds: purchase, qr, refund, void)");
    }

    /** Needs an earlier approved purchase of the same terminal. */
    public boolean needsOriginal() {
        return this == REFUND || this == VOID;
    }
}
