package io.acqsim.issuer;

/** What the emulated issuer sees of an authorisation: no full PAN, only its first six digits. */
public record IssuerRequest(String kind, long amountMinor, String panPrefix, String tid, String mid, String entryMode) {
}
