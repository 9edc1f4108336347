package io.acqsim.message;

/** One transaction of a batch upload as the terminal reports it; the PAN is already masked. */
public record UploadRow(String stan, String panMasked, long amountMinor, String processingCode) {
}
