package io.acqsim.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulated banks' receipt log: each credit id once, durable across a reopen, a torn tail dropped, damage named. */
class BankReceiptsTest {
    static final Instant T = Instant.parse("2026-11-20T02:00:00Z");

    static BankReceipts.Receipt receipt(String creditId, long amount) {
        return new BankReceipts.Receipt(creditId, creditId.replaceAll("/\\d+$", ""), "PSBC", "M00000000000001", amount, "156", T);
    }

    @Test
    void aCreditIdIsCreditedOnceAndTheLogOutlivesTheProcess(@TempDir Path dir) {
        Path log = dir.resolve("bank/receipts.log");
        try (BankReceipts bank = BankReceipts.open(log)) {
            assertEquals(2, bank.credit(List.of(receipt("PO-1", 100), receipt("PO-2", 200), receipt("PO-1", 100))).size(), "the batch's repeat is dropped");
            assertEquals(List.of(), bank.credit(List.of(receipt("PO-1", 999))), "credited before: not again, whatever the amount");
        }
        try (BankReceipts bank = BankReceipts.open(log)) {
            assertEquals(100, bank.find("PO-1").orElseThrow().amount());
            assertEquals(T, bank.find("PO-2").orElseThrow().at());
            assertEquals(List.of(), bank.credit(List.of(receipt("PO-2", 200))));
            assertEquals(1, bank.credit(List.of(receipt("PO-2/2", 50))).size(), "a later part has its own credit id");
        }
        try (BankReceipts bank = BankReceipts.open(log)) {
            assertEquals(List.of("PO-1", "PO-2", "PO-2/2"), bank.all().stream().map(BankReceipts.Receipt::creditId).toList());
        }
    }

    @Test
    void aLineTornByACrashIsDroppedAndTheNextCreditStartsOnItsOwnLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("receipts.log");
        try (BankReceipts bank = BankReceipts.open(log)) {
            bank.credit(List.of(receipt("PO-1", 100)));
        }
        Files.writeString(log, "PO-2\tPO-2\tPSBC\tM0000", StandardCharsets.UTF_8, StandardOpenOption.APPEND);   // the write a kill -9 cut short
        try (BankReceipts bank = BankReceipts.open(log)) {
            assertTrue(bank.find("PO-2").isEmpty(), "a torn line was never durable, so never credited");
            assertEquals(1, bank.credit(List.of(receipt("PO-2", 200))).size());
        }
        try (BankReceipts bank = BankReceipts.open(log)) {
            assertEquals(List.of(100L, 200L), bank.all().stream().map(BankReceipts.Receipt::amount).toList());
        }
    }

    @Test
    void aDamagedLineStopsTheOpenWithItsNumber(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("receipts.log");
        Files.writeString(log, "PO-1\tPO-1\tPSBC\tM1\t100\t156\t2026-11-20T02:00:00Z\nPO-2\tPO-2\tPSBC\tM1\tlots\t156\t2026-11-20T02:00:00Z\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BankReceipts.open(log));
        assertTrue(e.getMessage().contains("line 2 is damaged"), e.getMessage());
    }
}
