package io.acqsim.settlement;

import java.time.Instant;
import java.time.LocalDate;

/** Clearing was asked for a business date that has not closed yet; nothing was done. */
public final class BusinessDateOpen extends SettlementException {
    public BusinessDateOpen(LocalDate businessDate, Instant closesAt) {
        super("business date " + businessDate + " is still open; it closes at the cutover, " + closesAt);
    }
}
