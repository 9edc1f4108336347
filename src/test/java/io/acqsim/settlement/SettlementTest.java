package io.acqsim.settlement;

import static io.acqsim.settlement.SettlementRig.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.clearing.ClearingFile;
import io.acqsim.clearing.ClearingResult;
import io.acqsim.clearing.ClearingRow;
import io.acqsim.ledger.TestDatabase;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.payout.BankReceipts;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.ReasonCode;
import io.acqsim.payout.SettlementBanks;

/** Clearing, payouts and their obstacles on a real H2 ledger and a manual clock. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SettlementTest {
    @Parameter
    TestDatabase database;

    static final String M1 = "M00000000000001";   // T1, PSBC
    static final String M6 = "M00000000000006";   // T1, ICBC
    static final LocalDate THU_2026_11_19 = LocalDate.of(2026, 11, 19);
    static final LocalDate FRI_2026_11_20 = LocalDate.of(2026, 11, 20);

    /** Thursday 2026-11-19 sales of M1, cleared at 23:00, a T1 payout due Friday 10:00. */
    private SettlementRig thursdaySales() {
        SettlementRig rig = SettlementRig.start(database, local("2026-11-19T09:00:00"));
        rig.sale(M1, 10_000, Channel.CARD);                 // fee 60
        rig.sale(M1, 12_500, Channel.QR);                   // 12500 * 38 bp = 47.5 -> 48 (half-up)
        rig.sale(M1, 250, Channel.CARD);                    // 250 * 60 bp = 1.5 -> 2
        String refunded = rig.sale(M1, 5_000, Channel.CARD); // fee 30
        rig.refund(M1, 1_000, refunded);
        rig.record(MessageKind.PURCHASE, Channel.CARD, M1, 7_777, TransactionStatus.VOIDED, null);
        rig.record(MessageKind.PURCHASE, Channel.CARD, M1, 8_888, TransactionStatus.REVERSED, null);
        rig.record(MessageKind.PURCHASE, Channel.CARD, M1, 9_999, TransactionStatus.DECLINED, null);
        rig.sale(M6, 20_000, Channel.CARD);                 // fee 120
        return rig;
    }

    @Test
    void clearingNetsApprovedSalesFeesAndRefundsAndLeavesVoidedReversedAndDeclinedOut() throws Exception {
        try (SettlementRig rig = thursdaySales()) {
            rig.advanceTo("2026-11-19T23:00:00");
            List<ClearingRow> rows = rig.settlement.clearing(THU_2026_11_19);
            assertEquals(2, rows.size());
            ClearingRow m1 = rows.getFirst();
            assertEquals(M1, m1.merchantId());
            assertEquals(4, m1.salesCount());
            assertEquals(27_750, m1.salesAmount());
            assertEquals(1, m1.refundCount());
            assertEquals(1_000, m1.refundAmount());
            assertEquals(60 + 2 + 30, m1.cardFee());
            assertEquals(48, m1.qrFee());
            assertEquals(27_750 - 140 - 1_000, m1.net());

            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PENDING, p.status());
            assertEquals("PSBC", p.bank());
            assertEquals(5, p.count());
            assertEquals(m1.net(), p.net());
            assertEquals(local("2026-11-20T10:00:00"), p.promisedAt());
            assertEquals(local("2026-11-20T10:00:00"), p.scheduledAt());
            assertNull(p.delay());

            List<String> csv = Files.readAllLines(rig.data.resolve("clearing/clearing-2026-11-19.csv"));
            assertEquals(ClearingFile.HEADER, csv.getFirst());
            assertEquals("2026-11-19,M00000000000001,156,PSBC,T1,4,27750,1,1000,92,48,140,26610", csv.get(1));
            assertEquals(3, csv.size());
        }
    }

    @Test
    void clearingTwiceChangesNothing() throws Exception {
        try (SettlementRig rig = thursdaySales()) {
            rig.advanceTo("2026-11-19T23:00:00");
            Path file = rig.data.resolve("clearing/clearing-2026-11-19.csv");
            byte[] first = Files.readAllBytes(file);
            List<Payout> before = rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant());

            ClearingResult again = rig.settlement.clear(THU_2026_11_19);
            assertTrue(again.alreadyCleared());
            assertEquals(0, again.payouts());
            assertEquals(List.of(), rig.settlement.clearAllClosed());
            assertEquals(before, rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant()));
            assertEquals(new String(first), Files.readString(file));
        }
    }

    @Test
    void anOpenBusinessDateIsNotCleared() {
        try (SettlementRig rig = thursdaySales()) {
            BusinessDateOpen e = assertThrows(BusinessDateOpen.class, () -> rig.settlement.clear(THU_2026_11_19));
            assertTrue(e.getMessage().contains("2026-11-19 is still open"), e.getMessage());
            assertEquals(List.of(), rig.settlement.clearing(THU_2026_11_19));
            assertEquals(List.of(), rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant()));
        }
    }

    @Test
    void aT1PayoutIsPaidAtTenOnTheNextBusinessDayWithoutDelay() {
        try (SettlementRig rig = thursdaySales()) {
            rig.advanceTo("2026-11-20T09:59:59");
            assertEquals(PayoutStatus.PENDING, rig.payout(THU_2026_11_19, M1).status());
            rig.advanceTo("2026-11-20T10:00:00");
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-20T10:00:00"), p.paidAt());
            assertEquals(Duration.ZERO, p.delay());
            assertEquals(List.of(), p.reasons());
            assertEquals(1, p.attempts());
        }
    }

    /** A cluster node that lost the lead stops settlement; the node that takes it over starts it and catches up. */
    @Test
    void aStoppedSettlementNeitherClearsNorPaysAndCatchesUpWhenStartedAgain() {
        try (SettlementRig rig = thursdaySales()) {
            rig.settlement.stop();
            rig.advanceTo("2026-11-19T23:30:00");
            assertEquals(List.of(), rig.settlement.clearing(THU_2026_11_19), "no cutover ran while stopped");
            rig.settlement.start();
            assertEquals(PayoutStatus.PENDING, rig.payout(THU_2026_11_19, M1).status(), "cleared at start, due Friday 10:00");

            rig.settlement.stop();
            rig.advanceTo("2026-11-20T10:30:00");
            assertEquals(PayoutStatus.PENDING, rig.payout(THU_2026_11_19, M1).status(), "no payout attempt while stopped");
            rig.settlement.start();
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status(), "resumed at start");
            assertEquals(1, p.attempts());
            rig.advanceTo("2026-11-21T10:30:00");   // past Friday's cutover: the cutovers scheduled before a stop did nothing
            assertEquals(1, rig.scheduler.pending().stream().filter(j -> j.name().equals("cutover")).count(),
                    "one chain of cutovers after stopping and starting twice: " + rig.scheduler.pending());
        }
    }

    @Test
    void aBankOutageQueuesThePayoutUntilItEnds() {
        try (SettlementRig rig = thursdaySales()) {
            rig.settlement.banks().addOutage(new SettlementBanks.Outage("PSBC", local("2026-11-20T08:00:00"), local("2026-11-20T14:00:00"),
                    "PSBC core system upgrade", "F-7"));
            rig.advanceTo("2026-11-20T12:00:00");
            Payout queued = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.QUEUED, queued.status());
            assertTrue(queued.openReason() != null && queued.openReason().code() == ReasonCode.BANK_OUTAGE);
            assertEquals(PayoutStatus.PAID, rig.payout(THU_2026_11_19, M6).status(), "ICBC is not affected");

            rig.advanceTo("2026-11-21T00:00:00");
            Payout paid = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, paid.status());
            assertEquals(local("2026-11-20T14:00:00"), paid.paidAt());
            assertEquals(Duration.ofHours(4), paid.delay());
            assertEquals(List.of(new DelayReason(ReasonCode.BANK_OUTAGE, local("2026-11-20T10:00:00"), local("2026-11-20T14:00:00"),
                    "PSBC core system upgrade", "F-7")), paid.reasons());
        }
    }

    @Test
    void aFlakyBankLinkIsRetriedWithBackoffAndTheWaitIsANetworkFault() {
        try (SettlementRig rig = thursdaySales()) {
            rig.settlement.banks().addLinkFault(new SettlementBanks.LinkFault("PSBC", local("2026-11-20T10:00:00"), local("2026-11-20T10:30:00"),
                    1.0, "PSBC link down", "F-9"));
            rig.advanceTo("2026-11-20T12:00:00");
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            // attempts at 10:00, 10:01, 10:03, 10:07, 10:15 fail; 10:31 is after the fault window
            assertEquals(local("2026-11-20T10:31:00"), p.paidAt());
            assertEquals(6, p.attempts());
            assertEquals(1, p.reasons().size(), "one cause, one merged interval");
            assertEquals(ReasonCode.NETWORK_FAULT, p.reasons().getFirst().code());
            assertEquals("F-9", p.reasons().getFirst().faultId());
            assertEquals(p.delay(), Duration.between(p.reasons().getFirst().from(), p.reasons().getFirst().to()));
        }
    }

    @Test
    void aFrozenAccountHoldsThePayoutUntilTheFreezeEnds() {
        try (SettlementRig rig = thursdaySales()) {
            rig.settlement.accounts().freeze(new MerchantAccounts.Freeze(M1, local("2026-11-19T00:00:00"), local("2026-11-23T09:00:00"),
                    "account frozen by the bank", "F-3"));
            rig.advanceTo("2026-11-22T12:00:00");
            assertEquals(PayoutStatus.HELD, rig.payout(THU_2026_11_19, M1).status());
            rig.advanceTo("2026-11-23T12:00:00");
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-23T09:00:00"), p.paidAt());
            assertEquals(List.of(ReasonCode.ACCOUNT_FROZEN), p.reasons().stream().map(DelayReason::code).toList());
            assertEquals(Duration.ofHours(71), p.delay());
        }
    }

    @Test
    void aReturnedPayoutWaitsForTheAccountCorrectionAndIsPaidOnce() {
        try (SettlementRig rig = thursdaySales()) {
            rig.settlement.accounts().markInvalid(new MerchantAccounts.Invalid(M1, local("2026-11-19T00:00:00"), "account number does not exist", "F-4"));
            rig.advanceTo("2026-11-23T08:00:00");
            Payout returned = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.RETURNED, returned.status());
            assertEquals(1, returned.attempts(), "a returned payout is not retried until corrected");

            assertThrows(UnknownMerchant.class, () -> rig.settlement.correctAccount("M99999999999999", "6217"));
            List<Payout> resent = rig.settlement.correctAccount(M1, "6217000000000000099");
            assertEquals(1, resent.size());
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-23T08:00:00"), p.paidAt());
            assertEquals(ReasonCode.INVALID_ACCOUNT, p.reasons().getFirst().code());
            assertEquals(p.delay(), Duration.between(p.promisedAt(), p.paidAt()));

            assertEquals(List.of(), rig.settlement.correctAccount(M1, "6217000000000000099"), "paid exactly once");
            assertEquals(2, rig.settlement.payouts().find(p.id()).orElseThrow().attempts());
        }
    }

    @Test
    void aHostDownAtPayoutTimeClearsAndPaysOnRestartAndSaysWhy() {
        Path data;
        try (SettlementRig rig = thursdaySales()) {
            data = rig.data;
        }
        try (SettlementRig rig = SettlementRig.reopen(database, data, local("2026-11-20T15:00:00"))) {
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-20T15:00:00"), p.paidAt());
            assertEquals(List.of(new DelayReason(ReasonCode.HOST_MAINTENANCE, local("2026-11-20T10:00:00"), local("2026-11-20T15:00:00"),
                    "acqsim was not running", null)), p.reasons());
            assertFalse(rig.settlement.clearing(THU_2026_11_19).isEmpty());
        }
    }

    @Test
    void pendingPayoutsSurviveARestartAndArePaidOnceWhenTheHostIsBack() {
        Path data;
        try (SettlementRig rig = thursdaySales()) {
            rig.advanceTo("2026-11-19T23:30:00");
            assertEquals(PayoutStatus.PENDING, rig.payout(THU_2026_11_19, M1).status());
            data = rig.data;
        }
        try (SettlementRig rig = SettlementRig.reopen(database, data, local("2026-11-20T15:00:00"))) {
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-20T15:00:00"), p.paidAt());
            assertEquals(1, p.attempts());
            assertEquals(List.of(ReasonCode.HOST_MAINTENANCE), p.reasons().stream().map(DelayReason::code).toList());
            assertEquals(2, rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant()).size(), "no payout created twice");
            assertEquals(2, rig.settlement.payouts().countDelayed(rig.clock.instant()), "both were paid after their 10:00 promise");
        }
    }

    @Test
    void aPayoutTheBankCreditedBeforeTheHostStoppedIsRecordedAsPaidThenNotPaidAgain() {
        Path data;
        Payout pending;
        try (SettlementRig rig = thursdaySales()) {
            rig.advanceTo("2026-11-19T23:30:00");
            pending = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PENDING, pending.status());
            data = rig.data;
        }
        // the host stopped between the bank's credit at 10:00 and the ledger's PAID: the bank holds a receipt the ledger never saw
        try (BankReceipts bank = BankReceipts.open(data.resolve(SettlementRig.RECEIPTS))) {
            bank.credit(List.of(new BankReceipts.Receipt(pending.id(), pending.id(), "PSBC", M1, pending.net(), "156", local("2026-11-20T10:00:00"))));
        }
        try (SettlementRig rig = SettlementRig.reopen(database, data, local("2026-11-20T15:00:00"))) {
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-20T10:00:00"), p.paidAt(), "paid when the bank credited it, not at the restart");
            assertEquals(List.of(), p.reasons(), "on time: no host-maintenance delay for a payment the bank made");
            BankReceipts receipts = rig.settlement.banks().receipts();
            assertEquals(1, receipts.recognisedCount());
            assertEquals(List.of(pending.id(), pending.id().replace(M1, M6)), receipts.all().stream().map(BankReceipts.Receipt::creditId).toList(),
                    "M1's payout credited once (before the stop); M6's credited at the restart");
            assertEquals(local("2026-11-20T15:00:00"), receipts.find(pending.id().replace(M1, M6)).orElseThrow().at());
        }
    }
}
