package io.acqsim.payout;

/**
 * Crash consistency tests name a point with {@code -Dacqsim.crash-at=POINT} to have the host stop there as
 * {@code kill -9} would (no shutdown hooks, nothing flushed, exit status 137): {@code payout-offered} before the bank
 * credits, {@code payout-credited} after it and before the ledger records the payment, {@code clearing-recorded} after
 * clearing wrote a business date's rows and payouts and before it commits them. Without the property, nothing stops.
 */
public final class CrashPoint {
    private static final String AT = System.getProperty("acqsim.crash-at", "");

    private CrashPoint() {
    }

    /** Halts the JVM when {@code point} is the one named by {@code -Dacqsim.crash-at}. */
    public static void at(String point) {
        if (point.equals(AT)) Runtime.getRuntime().halt(137);
    }
}
