package io.acqsim.message;

/**
 * A request that cannot be served as sent: answered 30 (format error) or, for a well-formed request
 * this host does not offer, 12 (invalid transaction); never written to the ledger.
 */
public final class FormatError extends Exception {
    private final int field;
    private final ResponseCode responseCode;

    public FormatError(int field, String problem) {
        this(field, problem, ResponseCode.FORMAT_ERROR);
    }

    public FormatError(int field, String problem, ResponseCode responseCode) {
        super((field >= 0 ? "field " + field + ": " : "") + problem);
        this.field = field;
        this.responseCode = responseCode;
    }

    public ResponseCode responseCode() { return responseCode; }

    /** The offending field, or -1 when the problem is the message as a whole. */
    public int field() { return field; }
}
