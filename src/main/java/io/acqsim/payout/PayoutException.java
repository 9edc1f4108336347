package io.acqsim.payout;

/** Payouts could not be read or stored (a database failure). */
public final class PayoutException extends RuntimeException {
    public PayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
