package io.acqsim.payout;

/**
 * The bank refused credits sent under a leader epoch lower than the highest it has seen: another node took the lead
 * of settlement since, and pays from now on. Nothing was credited.
 */
public final class StaleLeader extends RuntimeException {
    public StaleLeader(long epoch, long seen) {
        super("the bank refused credits of leader epoch " + epoch + ": it has seen epoch " + seen + " (a later leader pays now)");
    }
}
