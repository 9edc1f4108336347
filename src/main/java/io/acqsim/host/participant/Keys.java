package io.acqsim.host.participant;

/** Context keys shared by the participants. REQUEST, RESPONSE and SOURCE are jPOS's own. */
final class Keys {
    static final String REQUEST = "REQUEST";
    static final String RESPONSE = "RESPONSE";
    static final String PROFILE = "PROFILE";
    /** The decoded {@link io.acqsim.message.TerminalRequest}. */
    static final String TXN = "TXN";
    /** The {@link io.acqsim.message.Outcome} under construction. */
    static final String OUTCOME = "OUTCOME";
    /** The request's {@link io.acqsim.host.InFlight.Entry}, for financial requests. */
    static final String IN_FLIGHT = "IN_FLIGHT";
    /** Set when the request is a retransmission answered from the original: no issuer, no ledger write. */
    static final String REPLAYED = "REPLAYED";
    /** The original transaction a void or refund refers to. */
    static final String ORIGINAL = "ORIGINAL";
    /** How an online PIN compared: {@link io.acqsim.issuer.IssuerRequest#PIN_CORRECT} or PIN_WRONG; absent without a PIN block. */
    static final String PIN = "PIN";
    /** The terminal's open batch number (Integer) as the host holds it. */
    static final String BATCH = "BATCH";

    /** The request's chip data ({@link io.acqsim.chip.IccData}, field 55), when it carried any. */
    static final String ICC = "ICC";

    /** Set when the card approved the purchase offline (cup 60.1 = 36): the issuer is not asked. */
    static final String OFFLINE_APPROVED = "OFFLINE_APPROVED";

    private Keys() {
    }
}
