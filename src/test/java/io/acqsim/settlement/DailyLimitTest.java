package io.acqsim.settlement;

import static io.acqsim.settlement.SettlementRig.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.acqsim.ledger.TestDatabase;
import io.acqsim.message.Channel;
import io.acqsim.payout.DailyLimits;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutPart;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.ReasonCode;

/**
 * Daily account limits: the merchant's bank credits at most the limit per local day, counting every
 * credit of that day; the rest of a payout rolls over to the next day's payout time, paid in parts.
 * Real H2, manual clock; card sales are chosen so the nets are round (fee 60 bp, half-up).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DailyLimitTest {
    @Parameter
    TestDatabase database;

    static final String M1 = "M00000000000001";   // T1, PSBC
    static final String M6 = "M00000000000006";   // T1, ICBC
    static final LocalDate WED_2026_11_18 = LocalDate.of(2026, 11, 18);
    static final LocalDate THU_2026_11_19 = LocalDate.of(2026, 11, 19);
    static final LocalDate FRI_2026_11_20 = LocalDate.of(2026, 11, 20);
    static final LocalDate SAT_2026_11_21 = LocalDate.of(2026, 11, 21);
    static final long LIMIT_100 = 100_00;
    static final long SALE_NET_250 = 25_151;       // fee 150.906 -> 151
    static final long SALE_NET_80 = 8_048;         // fee 48.288 -> 48
    static final long SALE_NET_50 = 5_030;         // fee 30.18 -> 30

    private static DailyLimits.Limit limit100(String faultId) {
        return new DailyLimits.Limit(M1, LIMIT_100, null, null, null, faultId);
    }

    /** Thursday 2026-11-19: M1 sells 250.00 net, promised (and scheduled) Friday 10:00; M6 sells too. */
    private SettlementRig thursday250() {
        SettlementRig rig = SettlementRig.start(database, local("2026-11-19T09:00:00"));
        rig.sale(M1, SALE_NET_250, Channel.CARD);
        rig.sale(M6, SALE_NET_250, Channel.CARD);
        return rig;
    }

    @Test
    void aPayoutAboveTheLimitIsPaidInPartsOnConsecutiveDaysAndTheWaitIsOneDailyLimitReason() throws Exception {
        try (SettlementRig rig = thursday250()) {
            rig.settlement.dailyLimits().add(limit100("F-1"));
            rig.advanceTo("2026-11-20T10:00:00");
            Payout first = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.HELD, first.status());
            assertNull(first.paidAt());
            assertEquals(List.of(new PayoutPart(100_00, local("2026-11-20T10:00:00"))), first.parts());
            assertEquals(new DelayReason(ReasonCode.DAILY_LIMIT, local("2026-11-20T10:00:00"), null,
                    "daily limit 100.00 CNY: 100.00 of 250.00 paid, 150.00 rolls over", "F-1"), first.openReason());

            rig.advanceTo("2026-11-21T09:59:59");
            assertEquals(1, rig.payout(THU_2026_11_19, M1).parts().size(), "nothing more on Friday");
            rig.advanceTo("2026-11-21T10:00:00");
            Payout second = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.HELD, second.status());
            assertEquals("daily limit 100.00 CNY: 200.00 of 250.00 paid, 50.00 rolls over", second.openReason().detail());

            rig.advanceTo("2026-11-23T12:00:00");
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-22T10:00:00"), p.paidAt(), "the third part, on Sunday: the bank credits every day");
            assertEquals(List.of(new PayoutPart(100_00, local("2026-11-20T10:00:00")), new PayoutPart(100_00, local("2026-11-21T10:00:00")),
                    new PayoutPart(50_00, local("2026-11-22T10:00:00"))), p.parts());
            assertEquals(Duration.ofDays(2), p.delay());
            assertEquals(List.of(new DelayReason(ReasonCode.DAILY_LIMIT, local("2026-11-20T10:00:00"), local("2026-11-22T10:00:00"),
                    "daily limit 100.00 CNY: 200.00 of 250.00 paid, 50.00 rolls over", "F-1")), p.reasons());
            assertEquals(3, p.attempts());
            assertEquals(List.of("PO-20261119-M00000000000001:0:10000", "PO-20261119-M00000000000001:1:10000",
                    "PO-20261119-M00000000000001:2:5000"), partRows(rig));

            Payout m6 = rig.payout(THU_2026_11_19, M6);
            assertEquals(local("2026-11-20T10:00:00"), m6.paidAt(), "another merchant is not limited");
            assertEquals(List.of(), m6.parts());
        }
    }

    @Test
    void twoPayoutsOfOneMerchantDueTogetherShareTheDayOlderBusinessDateFirst() {
        try (SettlementRig rig = SettlementRig.start(database, local("2026-11-20T09:00:00"))) {
            rig.settlement.dailyLimits().add(limit100("F-1"));
            rig.sale(M1, SALE_NET_80, Channel.CARD);                    // Friday: T1, due Monday 10:00
            rig.advanceTo("2026-11-21T09:00:00");
            rig.sale(M1, SALE_NET_50, Channel.CARD);                    // Saturday: due Monday 10:00 too
            rig.advanceTo("2026-11-23T10:00:00");
            Payout friday = rig.payout(FRI_2026_11_20, M1);
            assertEquals(PayoutStatus.PAID, friday.status());
            assertEquals(local("2026-11-23T10:00:00"), friday.paidAt());
            assertEquals(List.of(), friday.parts(), "the older payout fits whole");
            Payout saturday = rig.payout(SAT_2026_11_21, M1);
            assertEquals(PayoutStatus.HELD, saturday.status());
            assertEquals(List.of(new PayoutPart(20_00, local("2026-11-23T10:00:00"))), saturday.parts(), "what is left of the day");

            rig.advanceTo("2026-11-24T12:00:00");
            saturday = rig.payout(SAT_2026_11_21, M1);
            assertEquals(local("2026-11-24T10:00:00"), saturday.paidAt());
            assertEquals(List.of(new PayoutPart(20_00, local("2026-11-23T10:00:00")), new PayoutPart(30_00, local("2026-11-24T10:00:00"))),
                    saturday.parts());
            assertEquals(List.of(ReasonCode.WEEKEND, ReasonCode.DAILY_LIMIT), saturday.reasons().stream().map(DelayReason::code).toList());
            assertEndToEnd(saturday);
        }
    }

    /**
     * Wednesday's payout, held by a freeze until Friday 09:00, is paid whole then; Thursday's is due at
     * 10:00 and gets what is left of the day. The limit is in force from the start, or added between the
     * two (then the 09:00 credit is read back from the database).
     */
    @ParameterizedTest(name = "limit added before the first credit: {0}")
    @ValueSource(booleans = {true, false})
    void aWholePayoutEarlierTheSameDayCountsAgainstTheLimit(boolean fromTheStart) {
        try (SettlementRig rig = SettlementRig.start(database, local("2026-11-18T09:00:00"))) {
            rig.sale(M1, SALE_NET_80, Channel.CARD);
            rig.advanceTo("2026-11-19T09:00:00");
            rig.sale(M1, SALE_NET_50, Channel.CARD);
            rig.settlement.accounts().freeze(new MerchantAccounts.Freeze(M1, local("2026-11-19T00:00:00"), local("2026-11-20T09:00:00"),
                    "account frozen", "F-9"));
            if (fromTheStart) rig.settlement.dailyLimits().add(limit100("F-1"));
            rig.advanceTo("2026-11-20T09:30:00");
            Payout wednesday = rig.payout(WED_2026_11_18, M1);
            assertEquals(local("2026-11-20T09:00:00"), wednesday.paidAt());
            assertEquals(List.of(), wednesday.parts());
            if (!fromTheStart) rig.settlement.dailyLimits().add(limit100("F-1"));

            rig.advanceTo("2026-11-20T10:00:00");
            Payout thursday = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.HELD, thursday.status());
            assertEquals(List.of(new PayoutPart(20_00, local("2026-11-20T10:00:00"))), thursday.parts());
            rig.advanceTo("2026-11-21T12:00:00");
            assertEquals(local("2026-11-21T10:00:00"), rig.payout(THU_2026_11_19, M1).paidAt());
        }
    }

    @Test
    void aRestartInTheMiddleOfASplitKeepsThePartsAndWhatWasCreditedToday() throws Exception {
        Path data;
        try (SettlementRig rig = thursday250()) {
            rig.settlement.dailyLimits().add(limit100("F-1"));
            rig.advanceTo("2026-11-20T11:00:00");
            assertEquals(1, rig.payout(THU_2026_11_19, M1).parts().size());
            data = rig.data;
        }
        try (SettlementRig rig = SettlementRig.reopen(database, data, local("2026-11-20T12:00:00"))) {
            rig.settlement.dailyLimits().add(limit100("F-1"));      // the scenario is loaded again at start
            Payout reloaded = rig.payout(THU_2026_11_19, M1);
            assertEquals(List.of(new PayoutPart(100_00, local("2026-11-20T10:00:00"))), reloaded.parts());

            List<Payout> offered = rig.settlement.release(p -> true);   // offered again the same day: nothing fits
            assertEquals(1, offered.size());
            assertEquals(reloaded.parts(), offered.getFirst().parts());
            assertEquals(PayoutStatus.HELD, offered.getFirst().status());

            rig.advanceTo("2026-11-23T12:00:00");
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(local("2026-11-22T10:00:00"), p.paidAt());
            assertEquals(List.of(100_00L, 100_00L, 50_00L), p.parts().stream().map(PayoutPart::amount).toList());
            assertEquals(1, p.reasons().size(), "the same fault before and after the restart: one interval");
            assertEndToEnd(p);
            assertEquals(3, partRows(rig).size());
        }
    }

    @Test
    void liftingTheLimitPaysTheRestAtOnce() throws Exception {
        try (SettlementRig rig = thursday250()) {
            rig.settlement.dailyLimits().add(limit100("F-1"));
            rig.advanceTo("2026-11-20T15:00:00");
            rig.settlement.dailyLimits().remove("F-1");
            List<Payout> released = rig.settlement.release(p -> p.openReason() != null && "F-1".equals(p.openReason().faultId()));
            assertEquals(1, released.size());
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(PayoutStatus.PAID, p.status());
            assertEquals(local("2026-11-20T15:00:00"), p.paidAt());
            assertEquals(List.of(new PayoutPart(100_00, local("2026-11-20T10:00:00")), new PayoutPart(150_00, local("2026-11-20T15:00:00"))),
                    p.parts());
            assertEquals(List.of(new DelayReason(ReasonCode.DAILY_LIMIT, local("2026-11-20T10:00:00"), local("2026-11-20T15:00:00"),
                    "daily limit 100.00 CNY: 100.00 of 250.00 paid, 150.00 rolls over", "F-1")), p.reasons());
            assertEquals(2, partRows(rig).size(), "the last part of a split payout is recorded too");
        }
    }

    @Test
    void aLimitEndingBeforeTheNextDayLetsTheRestThroughWhenItEnds() {
        try (SettlementRig rig = thursday250()) {
            rig.settlement.dailyLimits().add(new DailyLimits.Limit(M1, LIMIT_100, null, local("2026-11-20T18:00:00"), null, "F-1"));
            rig.advanceTo("2026-11-21T12:00:00");
            Payout p = rig.payout(THU_2026_11_19, M1);
            assertEquals(local("2026-11-20T18:00:00"), p.paidAt());
            assertEquals(List.of(100_00L, 150_00L), p.parts().stream().map(PayoutPart::amount).toList());
        }
    }

    @Test
    void withoutALimitOrWithinItPayoutsArePaidWholeAndHaveNoParts() throws Exception {
        try (SettlementRig rig = thursday250()) {
            rig.settlement.dailyLimits().add(new DailyLimits.Limit(M6, 300_00, null, null, null, "F-1"));
            rig.advanceTo("2026-11-20T12:00:00");
            for (String mid : List.of(M1, M6)) {
                Payout p = rig.payout(THU_2026_11_19, mid);
                assertEquals(PayoutStatus.PAID, p.status());
                assertEquals(local("2026-11-20T10:00:00"), p.paidAt());
                assertEquals(List.of(), p.parts());
                assertEquals(List.of(), p.reasons());
            }
            assertEquals(List.of(), partRows(rig));
        }
    }

    private static void assertEndToEnd(Payout p) {
        java.time.Instant cursor = p.promisedAt();
        for (DelayReason r : p.reasons()) {
            assertEquals(cursor, r.from(), "reasons lie end to end: " + p);
            cursor = r.to();
        }
        assertEquals(p.paidAt(), cursor, "reasons end at the payment: " + p);
    }

    /** payout_id:seq:amount of every stored part. */
    private static List<String> partRows(SettlementRig rig) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = rig.ledger.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payout_id, seq, amount FROM payout_parts ORDER BY payout_id, seq")) {
            while (rs.next()) out.add(rs.getString(1) + ":" + rs.getInt(2) + ":" + rs.getLong(3));
        }
        return out;
    }
}
