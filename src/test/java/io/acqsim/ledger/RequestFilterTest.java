package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * The duplicate check's filter: it may say "maybe" for a request the ledger does not hold (rarely), but
 * never "no" for one it does - whether the row was recorded since open or was there before.
 */
class RequestFilterTest {

    @Test
    void neverMissesAnAddedIdentityAndRarelyClaimsAnother() {
        int n = 200_000;
        RequestFilter f = new RequestFilter(n);
        for (int i = 0; i < n; i++) f.add(tid(i), stan(i), "1122143000");
        for (int i = 0; i < n; i++) assertTrue(f.mightContain(tid(i), stan(i), "1122143000"), "identity " + i);
        int claimed = 0;
        for (int i = 0; i < n; i++) if (f.mightContain(tid(i), stan(i), "1122143001")) claimed++;
        assertTrue(claimed < n / 50, "false positives at capacity: " + claimed + " of " + n);
    }

    @Test
    void ledgerKnowsRowsRecordedSinceOpenAndRowsThatWereThereBefore() throws Exception {
        Path data = TestHost.tempData();
        LedgerSettings settings = LedgerSettings.h2(data.resolve("ledger")).withGroupMax(16);
        try (Ledger ledger = Ledger.open(settings)) {
            ledger.ensureTerminal("T0000001", "M00000000000001", Instant.now());
            assertFalse(ledger.mayHoldRequest("T0000001", "000001", "1122143000"));
            ledger.record(purchase("000000000001", "000001"));
            assertTrue(ledger.mayHoldRequest("T0000001", "000001", "1122143000"));
        }
        try (Ledger ledger = Ledger.open(settings)) {
            assertTrue(ledger.mayHoldRequest("T0000001", "000001", "1122143000"), "a row written before the restart");
            assertFalse(ledger.mayHoldRequest("T0000001", "000002", "1122143000"));
        }
    }

    private static TransactionRecord purchase(String rrn, String stan) {
        return new TransactionRecord(rrn, MessageKind.PURCHASE, Channel.CARD, "iso87a", "0200", "000000", "T0000001", "M00000000000001",
                stan, "1122143000", 1, 1_000, "156", "071", "622202******0123", ResponseCode.APPROVED, "123456", TransactionStatus.APPROVED,
                null, 0,
                LocalDate.of(2026, 11, 22), Instant.now());
    }

    private static String tid(int i) {
        return String.format("T%07d", i % 1_000);
    }

    private static String stan(int i) {
        return String.format("%06d", i / 1_000);
    }
}
