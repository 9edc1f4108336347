package io.acqsim.message;

/**
 * A request that cannot be served as sent: answered 30 (format error) or, for a well-formed request
 * this host does not offer, 12 (invalid transaction); never written to the ledger.
 */
public final class FormatError extends Exception {
    private final int field;
    private final String responseCode;

    public FormatError(int field, String problem) {
        this(field, problem, "30");
    }

    public FormatError(int field, String problem, String responseCode) {
        super((field >= 0 ? "field " + field + ": " : "") + problem);
        this.field = field;
        this.responseCode = responseCode;
    }

    public String responseCode() { return responseCode; }

    /** The offending field, or -1 when the problem is the message as a whole. */
    public int field() { return field; }
}
