package io.acqsim.settlement;

/** A merchant id that the registry does not know. */
public final class UnknownMerchant extends SettlementException {
    public UnknownMerchant(String mid) {
        super("unknown merchant '" + mid + "'");
    }
}
