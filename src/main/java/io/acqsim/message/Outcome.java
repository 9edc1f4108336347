package io.acqsim.message;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the host decided for a request, everything a response needs whatever the profile.
 * Mutable while the transaction travels the participants; frozen once the response is built.
 */
public final class Outcome {
    private ResponseCode responseCode;
    private String rrn;
    private String authCode;
    private LocalDate businessDate;
    private Instant capturedAt;
    private int hostBatchNumber = -1;
    private BatchTotals hostTotals;
    private boolean reconciled;
    private int processingRequirement;
    private String detail;
    private byte[] iccResponse;
    private byte[] downloadData;
    private byte[] workingKeys;

    public ResponseCode responseCode() { return responseCode; }

    public Outcome responseCode(ResponseCode rc) { this.responseCode = rc; return this; }

    public boolean approved() { return ResponseCode.APPROVED.equals(responseCode); }

    public String rrn() { return rrn; }

    public Outcome rrn(String v) { this.rrn = v; return this; }

    public String authCode() { return authCode; }

    public Outcome authCode(String v) { this.authCode = v; return this; }

    public LocalDate businessDate() { return businessDate; }

    public Outcome businessDate(LocalDate v) { this.businessDate = v; return this; }

    public Instant capturedAt() { return capturedAt; }

    public Outcome capturedAt(Instant v) { this.capturedAt = v; return this; }

    public int hostBatchNumber() { return hostBatchNumber; }

    public Outcome hostBatchNumber(int v) { this.hostBatchNumber = v; return this; }

    public BatchTotals hostTotals() { return hostTotals; }

    public Outcome hostTotals(BatchTotals v, boolean reconciled) { this.hostTotals = v; this.reconciled = reconciled; return this; }

    public boolean reconciled() { return reconciled; }

    public int processingRequirement() { return processingRequirement; }

    public Outcome processingRequirement(int v) { this.processingRequirement = v; return this; }

    /** Field 55 of the answer to a chip request (EMV TLV: 91, 8A), or null. */
    public byte[] iccResponse() { return iccResponse; }

    public Outcome iccResponse(byte[] v) { this.iccResponse = v; return this; }

    /** Field 62 of the answer to a start-up download exchange (cup), or null. */
    public byte[] downloadData() { return downloadData; }

    public Outcome downloadData(byte[] v) { this.downloadData = v; return this; }

    /** Field 62 of a sign-on response: the working keys under the terminal's TMK with their check values; null when none are issued. */
    public byte[] workingKeys() { return workingKeys; }

    public Outcome workingKeys(byte[] v) { this.workingKeys = v; return this; }

    /** Why, in words, for the logs: "issuer declined 51", "original not found". */
    public String detail() { return detail; }

    public Outcome detail(String v) { this.detail = v; return this; }
}
