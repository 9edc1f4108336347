package io.acqsim.issuer;

/**
 * What the emulated issuer sees of an authorisation: no full PAN, only its first six digits, and of an
 * online PIN only whether it was the card's ({@link #pin}).
 *
 * @param pin {@code "correct"}, {@code "wrong"}, or {@code "none"} when the request carries no PIN block
 */
public record IssuerRequest(String kind, long amountMinor, String panPrefix, String tid, String mid, String entryMode, String pin) {
    public static final String PIN_CORRECT = "correct";
    public static final String PIN_WRONG = "wrong";
    public static final String NO_PIN = "none";
}
