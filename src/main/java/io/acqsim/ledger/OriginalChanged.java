package io.acqsim.ledger;

import io.acqsim.message.ResponseCode;

/**
 * A void or refund lost a race for its original: between the host's check and the ledger write another
 * void or refund (or a reversal) changed the sale, so this one no longer fits. Nothing of the write is
 * committed; the host answers {@link #responseCode()} — 12 when the sale is no longer approved (or is
 * partly refunded, for a void), 13 when the refund exceeds what is left.
 */
public final class OriginalChanged extends RuntimeException {
    private final ResponseCode responseCode;

    public OriginalChanged(ResponseCode responseCode, String message) {
        super(message);
        this.responseCode = responseCode;
    }

    public ResponseCode responseCode() { return responseCode; }
}
