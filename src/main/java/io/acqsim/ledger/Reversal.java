package io.acqsim.ledger;

import java.time.Instant;
import java.util.Objects;

import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * A reversal (0400/0401) as the ledger records it: the request that asked, what it did, the answer.
 *
 * @param reversed the approved original it reversed, or null (its RRN is stored; its status is changed)
 */
public record Reversal(String tid, String stan, String mti, String originalKey, long amount, ReversalEffect effect,
                       ResponseCode responseCode, Instant receivedAt, TransactionRecord reversed) {
    public Reversal {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(responseCode, "responseCode");
    }

    public static Reversal of(TerminalRequest request, ReversalEffect effect, ResponseCode answer, Instant at, TransactionRecord reversed) {
        return new Reversal(request.tid(), request.stan(), request.mti(), request.originalKey(), request.amountMinor(), effect, answer,
                at, reversed);
    }
}
