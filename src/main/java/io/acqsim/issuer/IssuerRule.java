package io.acqsim.issuer;

import java.time.Duration;

import io.acqsim.message.ResponseCode;

/**
 * One row of the issuer rules: conditions (null = any) and the answer they produce.
 *
 * @param answer  the issuer's response code, or null when the issuer does not answer at all
 * @param latency this rule's issuer latency, or null for the file's default distribution
 */
public record IssuerRule(
        String amountSuffix,
        String panPrefix,
        String tid,
        String mid,
        String entryModePrefix,
        String kind,
        String pin,
        ResponseCode answer,
        Duration latency) {

    boolean matches(IssuerRequest r) {
        return (amountSuffix == null || endsWith(r.amountMinor(), amountSuffix))
                && (panPrefix == null || (r.panPrefix() != null && r.panPrefix().startsWith(panPrefix)))
                && (tid == null || tid.equals(r.tid()))
                && (mid == null || mid.equals(r.mid()))
                && (entryModePrefix == null || (r.entryMode() != null && r.entryMode().startsWith(entryModePrefix)))
                && (kind == null || kind.equalsIgnoreCase(r.kind()))
                && (pin == null || pin.equals(r.pin()));
    }

    /** Whether {@code amount}'s decimal digits, zero-padded to 12, end with {@code digits} (1 to 12 digits, checked at load). */
    static boolean endsWith(long amount, String digits) {
        long modulus = 1;
        for (int i = 0; i < digits.length(); i++) modulus *= 10;
        return Math.abs(amount % modulus) == Long.parseLong(digits);
    }
}
