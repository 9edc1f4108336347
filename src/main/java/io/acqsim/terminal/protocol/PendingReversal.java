package io.acqsim.terminal.protocol;

/**
 * The reversal a terminal owes the host: the original financial request as far as its reversal needs
 * it. Written before the request goes out and cleared when its answer (or the reversal's) comes; a
 * terminal whose state outlives it sends it before its next transaction. {@code kind} is PURCHASE,
 * VOID or REFUND (cup carries it as 60.1 of the reversal); {@code f7} is null on cup.
 */
public record PendingReversal(String kind, String stan, String mti, String processingCode, String f7, String entryMode,
                              long amount, int batch) {
}
