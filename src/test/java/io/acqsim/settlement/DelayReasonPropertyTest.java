package io.acqsim.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.ledger.TestDatabase;
import io.acqsim.message.Channel;
import io.acqsim.payout.DailyLimits;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.SettlementBanks;

/**
 * Over random calendars, freezes, sale times and obstacles (bank outages, flaky links, frozen and
 * invalid accounts, daily account limits), every payout is paid exactly once, its reasons, laid end to
 * end, cover exactly promisedAt .. paidAt, and a split payout's parts add up to its net, the last one
 * paid at paidAt.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DelayReasonPropertyTest {
    @Parameter
    TestDatabase database;

    static final String[] MERCHANTS = {"M00000000000001", "M00000000000004", "M00000000000006", "M00000000000009", "M00000000000010"};
    static final LocalDate START = LocalDate.of(2026, 3, 1);

    @TempDir
    Path calendars;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void reasonsAlwaysSumToTheDelay(long seed) throws Exception {
        Random r = new Random(seed);
        SettlementCalendar calendar = randomCalendar(r);
        try (SettlementRig rig = SettlementRig.start(database, at(START, 8), calendar, seed)) {
            addObstacles(rig, r);
            addDailyLimit(rig, r, seed % 2 == 1);
            List<String> invalid = new ArrayList<>();
            if (r.nextBoolean()) {
                String mid = MERCHANTS[r.nextInt(MERCHANTS.length)];
                rig.settlement.accounts().markInvalid(new MerchantAccounts.Invalid(mid, at(START, 0), "wrong account", "F-inv"));
                invalid.add(mid);
            }
            int sales = 0;
            for (int day = 0; day < 20; day++) {
                for (int k = 0; k < 3; k++) {
                    rig.scheduler.advanceTo(later(rig.clock.instant(), at(START.plusDays(day), r.nextInt(24)).plusSeconds(r.nextInt(3600))));
                    rig.sale(MERCHANTS[r.nextInt(MERCHANTS.length)], 1_000 + r.nextInt(100_000), r.nextBoolean() ? Channel.CARD : Channel.QR);
                    sales++;
                }
            }
            rig.scheduler.advanceTo(at(START.plusDays(30), 12));
            for (String mid : invalid) rig.settlement.correctAccount(mid, "6217000000000000999");
            rig.scheduler.advanceTo(at(START.plusDays(60), 12));

            List<Payout> payouts = rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant());
            assertTrue(!payouts.isEmpty() && sales > 0);
            int split = 0;
            for (Payout p : payouts) {
                assertEquals(PayoutStatus.PAID, p.status(), p.toString());
                Instant cursor = p.promisedAt();
                for (DelayReason reason : p.reasons()) {
                    assertEquals(cursor, reason.from(), "reasons lie end to end: " + p);
                    assertTrue(reason.to().isAfter(reason.from()), "no empty or inverted interval: " + p);
                    cursor = reason.to();
                }
                assertEquals(p.paidAt().isAfter(p.promisedAt()) ? p.paidAt() : p.promisedAt(), cursor, "reasons end at the payment: " + p);
                Duration sum = p.reasons().stream().map(x -> Duration.between(x.from(), x.to())).reduce(Duration.ZERO, Duration::plus);
                assertEquals(p.delay(), sum, p.toString());
                if (!p.parts().isEmpty()) {
                    split++;
                    assertEquals(p.net(), p.paidSoFar(), "parts add up to the net: " + p);
                    assertEquals(p.paidAt(), p.parts().getLast().paidAt(), "the last part is the payment: " + p);
                    assertTrue(p.parts().stream().allMatch(x -> x.amount() > 0), p.toString());
                }
            }
            assertTrue(split > 0 || seed % 2 == 0, "an odd seed's tight limit splits some payout");
        }
    }

    private SettlementCalendar randomCalendar(Random r) throws IOException {
        StringBuilder y = new StringBuilder("region: rnd\nyear: 2026\nweekend: [SATURDAY, SUNDAY]\nholidays:\n");
        List<String> makeups = new ArrayList<>();
        LocalDate d = START.plusDays(r.nextInt(5));
        for (int i = 0; i < 4; i++) {
            LocalDate from = d;
            LocalDate to = from.plusDays(r.nextInt(5));
            y.append("  - { name: Holiday ").append(i).append(", from: \"").append(from).append("\", to: \"").append(to).append("\" }\n");
            LocalDate after = to.plusDays(1 + r.nextInt(3));
            while (after.getDayOfWeek() != DayOfWeek.SATURDAY && after.getDayOfWeek() != DayOfWeek.SUNDAY) after = after.plusDays(1);
            if (r.nextBoolean()) makeups.add("  - { date: \"" + after + "\", for: Holiday " + i + " }\n");
            d = after.plusDays(2 + r.nextInt(6));
        }
        y.append("makeup-workdays:").append(makeups.isEmpty() ? " []\n" : "\n");
        makeups.forEach(y::append);
        Files.writeString(calendars.resolve("rnd-2026.yml"), y);
        SettlementCalendar c = new SettlementCalendar(Calendars.load(calendars).get("rnd"));
        if (r.nextBoolean()) {
            LocalDate from = START.plusDays(r.nextInt(20));
            c = c.withFreeze(new HolidayFreeze("F-frz", "clearing freeze", from, from.plusDays(r.nextInt(4))));
        }
        return c;
    }

    private static void addObstacles(SettlementRig rig, Random r) {
        for (int i = 0; i < 3; i++) {
            Instant from = at(START.plusDays(r.nextInt(25)), r.nextInt(24));
            String bank = r.nextBoolean() ? "PSBC" : "ICBC";
            rig.settlement.banks().addOutage(new SettlementBanks.Outage(bank, from, from.plus(Duration.ofHours(1 + r.nextInt(30))), "upgrade", "F-out" + i));
            Instant lf = at(START.plusDays(r.nextInt(25)), r.nextInt(24));
            rig.settlement.banks().addLinkFault(new SettlementBanks.LinkFault(bank, lf, lf.plus(Duration.ofHours(1 + r.nextInt(6))),
                    0.3 + r.nextDouble() * 0.7, "flaky link", "F-net" + i));
            Instant fz = at(START.plusDays(r.nextInt(25)), r.nextInt(24));
            rig.settlement.accounts().freeze(new MerchantAccounts.Freeze(MERCHANTS[r.nextInt(MERCHANTS.length)], fz,
                    fz.plus(Duration.ofHours(1 + r.nextInt(72))), "frozen", "F-fz" + i));
        }
    }

    /** A limit on one merchant, in force from the start or for a window; tight (300.00 to 500.00, below the larger sales) or loose. */
    private static void addDailyLimit(SettlementRig rig, Random r, boolean tight) {
        Instant from = r.nextBoolean() ? null : at(START.plusDays(r.nextInt(20)), r.nextInt(24));
        Instant to = from == null ? null : from.plus(Duration.ofHours(12 + r.nextInt(24 * 10)));
        long amount = tight ? 300_00 + r.nextInt(200_00) : 600_00 + r.nextInt(900_00);
        rig.settlement.dailyLimits().add(new DailyLimits.Limit(MERCHANTS[r.nextInt(MERCHANTS.length)], amount, tight ? null : from,
                tight ? null : to, null, "F-lim"));
    }

    private static Instant at(LocalDate d, int hour) {
        return d.atTime(hour, 0).atZone(SettlementRig.SHANGHAI).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
