package io.acqsim.message;

import java.util.List;

import io.acqsim.iso.Profile;

/**
 * A terminal request turned into a typed record at the edge, so business code never juggles field
 * numbers. Card data appears only masked; track 2, PIN block and field 55 are never copied here.
 *
 * @param requestKey   what, with TID and STAN, identifies this request for retransmission and reversal:
 *                     field 7 on iso87a, the batch number on cup (which has no field 7)
 * @param originalKey  for a reversal, the key of the request it reverses (TID + STAN + requestKey)
 * @param batchNumber  the terminal's batch number, or -1 when the profile does not carry it
 * @param channel      CARD or QR, for fees and issuer rules
 * @param networkCode  sign-on 001/003, sign-off 002, echo 301 (iso87a field 70, cup 60.3)
 */
public record TerminalRequest(
        Profile profile,
        MessageKind kind,
        String mti,
        String processingCode,
        String tid,
        String mid,
        String stan,
        String requestKey,
        long amountMinor,
        String currency,
        String entryMode,
        Channel channel,
        String panMasked,
        String panPrefix,
        String originalRrn,
        String originalKey,
        MessageKind originalKind,
        int batchNumber,
        BatchTotals totals,
        String networkCode,
        List<UploadRow> uploads,
        int uploadCount,
        boolean repeat) {

    /** Identity of this request for retransmission detection. */
    public String dedupKey() {
        return tid + "|" + stan + "|" + requestKey;
    }
}
