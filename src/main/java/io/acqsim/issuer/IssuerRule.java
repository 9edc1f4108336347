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
        ResponseCode answer,
        Duration latency) {

    boolean matches(IssuerRequest r) {
        return (amountSuffix == null || String.format("%012d", r.amountMinor()).endsWith(amountSuffix))
                && (panPrefix == null || (r.panPrefix() != null && r.panPrefix().startsWith(panPrefix)))
                && (tid == null || tid.equals(r.tid()))
                && (mid == null || mid.equals(r.mid()))
                && (entryModePrefix == null || (r.entryMode() != null && r.entryMode().startsWith(entryModePrefix)))
                && (kind == null || kind.equalsIgnoreCase(r.kind()));
    }
}
