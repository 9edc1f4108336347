package io.acqsim.scenario;

import static io.acqsim.settlement.SettlementRig.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.calendar.Calendars;
import io.acqsim.fault.Fault;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.message.Channel;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutPart;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.ReasonCode;
import io.acqsim.settlement.SettlementRig;

/** Scenario files: validation with file, line and key; activation; and every delay reason produced end to end. */
class ScenarioTest {
    static final Path HOME = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath();
    static final ScenarioParser PARSER = new ScenarioParser(SettlementRig.SHANGHAI);

    static FaultActivator activator(SettlementRig rig, FaultRegistry faults) {
        return new FaultActivator(faults, rig.settlement, rig.registry, Calendars.load(HOME.resolve("cfg/calendars")));
    }

    static final String EVERY_CAUSE = """
            name: every-cause
            calendar: cn-2026
            faults:
              - { type: holiday-freeze, name: post-holiday freeze, from: 2026-10-08, to: 2026-10-08 }
              - { type: bank-outage, bank: PSBC, from: "2026-10-09T08:00:00+08:00", to: "2026-10-09T14:00:00+08:00" }
              - type: network
                link: bank
                bank: ICBC
                action: drop-request
                from: "2026-10-09T10:00:00+08:00"
                to: "2026-10-09T10:30:00+08:00"
              - { type: account-frozen, merchant: M00000000000003, from: 2026-10-08, to: 2026-10-09 }
              - { type: invalid-account, merchant: M00000000000004, until-corrected: true }
              - { type: risk-hold, merchant: M00000000000005, business-days: 1 }
              - { type: policy-review, above-minor: 5000000, hours: 24 }
              - { type: late-batch, merchant: M00000000000007, from: 2026-10-08, to: 2026-10-08 }
              - { type: host-maintenance, answer: "96", from: "2026-10-12T09:00:00+08:00", to: "2026-10-12T11:00:00+08:00" }
              - { type: daily-limit, merchant: M00000000000009, limit: 100.00 }
            """;

    @Test
    void everyDelayReasonIsProducedEndToEndAndPointsBackToItsFault() throws Exception {
        try (SettlementRig rig = SettlementRig.start(local("2026-09-30T09:00:00"))) {
            FaultRegistry faults = new FaultRegistry(1);
            List<Fault> loaded = activator(rig, faults).load(PARSER.parse("every-cause.yml", EVERY_CAUSE));
            assertEquals(10, loaded.size());
            rig.sale("M00000000000001", 10_000, Channel.CARD);          // Sep 30: HOLIDAY, then the freeze, then the PSBC outage
            rig.advanceTo("2026-10-08T09:00:00");
            for (String m : List.of("M00000000000001", "M00000000000003", "M00000000000004", "M00000000000005", "M00000000000006",
                    "M00000000000007", "M00000000000009")) {   // M9: ICBC link fault, then 100.00 a day of 199.24
                rig.sale(m, 20_000, Channel.QR);
            }
            rig.sale("M00000000000008", 6_000_000, Channel.CARD);       // above the policy threshold
            rig.advanceTo("2026-10-10T12:00:00");
            rig.sale("M00000000000002", 30_000, Channel.CARD);          // Sat make-up day: promised Sun (WEEKEND), due Mon 10:00 (maintenance)
            rig.advanceTo("2026-10-20T12:00:00");
            rig.settlement.correctAccount("M00000000000004", "6217000000000000044");
            rig.advanceTo("2026-10-25T12:00:00");

            List<Payout> payouts = rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant());
            Set<String> ids = faults.list().stream().map(Fault::id).collect(Collectors.toSet());
            EnumSet<ReasonCode> seen = EnumSet.noneOf(ReasonCode.class);
            for (Payout p : payouts) {
                assertEquals(PayoutStatus.PAID, p.status(), p.toString());
                Duration sum = Duration.ZERO;
                for (DelayReason r : p.reasons()) {
                    seen.add(r.code());
                    sum = sum.plus(Duration.between(r.from(), r.to()));
                    boolean calendar = r.code() == ReasonCode.WEEKEND || r.code() == ReasonCode.HOLIDAY;
                    assertEquals(!calendar, r.faultId() != null && ids.contains(r.faultId()), "faultId of " + r + " in " + p.id());
                }
                assertEquals(p.delay(), sum, p.toString());
            }
            assertEquals(EnumSet.allOf(ReasonCode.class), seen, "every reason code appears in some payout");
        }
    }

    @Test
    void anUnknownCalendarIsRefusedOnItsLineAndNothingIsSwitchedOn() throws Exception {
        try (SettlementRig rig = SettlementRig.start(local("2026-11-19T09:00:00"))) {
            FaultRegistry faults = new FaultRegistry(1);
            Scenario s = PARSER.parse("hk.yml", "name: hk\ndescription: a calendar we do not ship\ncalendar: hk-2026\n"
                    + "faults:\n  - { type: account-frozen, merchant: M00000000000003 }\n");
            ScenarioError e = assertThrows(ScenarioError.class, () -> activator(rig, faults).load(s));
            assertTrue(e.getMessage().startsWith("hk.yml:3: calendar: unknown calendar 'hk-2026'"), e.getMessage());
            assertEquals(List.of(), faults.list(), "a refused scenario switches nothing on");
        }
    }

    @Test
    void clearingAFaultReleasesWhatItHeldAtOnce() throws Exception {
        try (SettlementRig rig = SettlementRig.start(local("2026-11-19T09:00:00"))) {
            FaultRegistry faults = new FaultRegistry(1);
            FaultActivator activator = activator(rig, faults);
            Fault frozen = activator.add(PARSER.parseFaults("f.yml", "{ type: account-frozen, merchant: M00000000000003 }")).getFirst();
            rig.sale("M00000000000003", 10_000, Channel.CARD);
            rig.advanceTo("2026-11-20T15:00:00");
            Payout held = rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant()).getFirst();
            assertEquals(PayoutStatus.HELD, held.status());
            assertEquals(frozen.id(), held.openReason().faultId());
            assertTrue(activator.remove(frozen.id()));
            assertFalse(activator.remove(frozen.id()), "already removed");
            Payout paid = rig.settlement.payouts().find(held.id()).orElseThrow();
            assertEquals(PayoutStatus.PAID, paid.status());
            assertEquals(local("2026-11-20T15:00:00"), paid.paidAt());
            assertEquals(List.of(), faults.list());
        }
    }

    @Test
    void aDailyLimitPaysInPartsAndClearingItPaysTheRestAtOnce() throws Exception {
        try (SettlementRig rig = SettlementRig.start(local("2026-11-19T09:00:00"))) {
            FaultRegistry faults = new FaultRegistry(1);
            FaultActivator activator = activator(rig, faults);
            Fault limit = activator.add(PARSER.parseFaults("f.yml",
                    "{ type: daily-limit, merchant: M00000000000003, limit: 50.00, detail: Class II account }")).getFirst();
            assertEquals("daily-limit", limit.type());
            rig.sale("M00000000000003", 10_000, Channel.CARD);                  // net 99.40
            rig.advanceTo("2026-11-20T15:00:00");
            Payout held = rig.settlement.payouts().list(PayoutQuery.ALL, rig.clock.instant()).getFirst();
            assertEquals(PayoutStatus.HELD, held.status());
            assertEquals(new DelayReason(ReasonCode.DAILY_LIMIT, local("2026-11-20T10:00:00"), null,
                    "Class II account: daily limit 50.00 CNY: 50.00 of 99.40 paid, 49.40 rolls over", limit.id()), held.openReason());
            assertEquals(List.of(new PayoutPart(50_00, local("2026-11-20T10:00:00"))), held.parts());

            assertTrue(activator.remove(limit.id()));
            Payout paid = rig.settlement.payouts().find(held.id()).orElseThrow();
            assertEquals(PayoutStatus.PAID, paid.status());
            assertEquals(local("2026-11-20T15:00:00"), paid.paidAt());
            assertEquals(List.of(new PayoutPart(50_00, local("2026-11-20T10:00:00")), new PayoutPart(49_40, local("2026-11-20T15:00:00"))),
                    paid.parts());
            assertEquals(Duration.ofHours(5), paid.delay());
            assertEquals(List.of(), rig.settlement.dailyLimits().limits());
        }
    }

    static Stream<Arguments> shipped() throws Exception {
        try (Stream<Path> s = Files.list(HOME.resolve("simulators/scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().map(Arguments::of).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void everyShippedScenarioParsesAndActivatesAndSaysWhatItShows(Path file) throws Exception {
        assertTrue(Files.readString(file).startsWith("#"), file + " starts with a comment saying what it shows");
        Scenario s = PARSER.parse(file);
        try (SettlementRig rig = SettlementRig.start(local("2026-01-05T09:00:00"))) {
            FaultRegistry faults = new FaultRegistry(1);
            assertEquals(s.faults().size(), activator(rig, faults).load(s).size());
            assertEquals(s.faults().size(), faults.list().size());
        }
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("name: x\nfaults:\n  - { type: bank-outage, bank: PSBC, from: 2026-10-09T08:00:00+08:00 }\n", 3, "faults[0].to", "required"),
                Arguments.of("name: x\nfaults:\n  - type: volcano\n", 3, "faults[0].type", "'volcano' is not one of"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: terminal\n    action: drop-response\n    colour: red\n", 6,
                        "faults[0].colour", "unknown key"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: radio\n    action: reset\n", 4, "faults[0].link", "'radio' is not one of"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: terminal\n    action: explode\n", 5, "faults[0].action", "'explode' is not one of"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: terminal\n    action: drop-response\n    match: { probability: 1.5 }\n", 6,
                        "faults[0].match.probability", "at most 1"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: terminal\n    action: drop-response\n    match: { mti: 200 }\n", 6,
                        "faults[0].match.mti", "four-digit MTI"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: bank\n    action: drop-request\n", 3, "faults[0].bank", "required for link: bank"),
                Arguments.of("name: x\nfaults:\n  - type: network\n    link: terminal\n    action: latency\n", 3, "faults[0].latency", "required, e.g. PT2S"),
                Arguments.of("name: x\nfaults:\n  - { type: account-frozen, merchant: M1, from: 2026-10-09, to: yesterday }\n", 3, "faults[0].to",
                        "'yesterday' is not an instant"),
                Arguments.of("name: x\nfaults:\n  - { type: bank-outage, bank: PSBC, from: \"2026-10-09T14:00:00+08:00\", to: \"2026-10-09T08:00:00+08:00\" }\n",
                        3, "faults[0].to", "must be after from"),
                Arguments.of("name: x\nfaults:\n  - { type: risk-hold, merchant: M00000000000005, business-days: many }\n", 3,
                        "faults[0].business-days", "whole number"),
                Arguments.of("name: x\nfaults:\n  - { type: daily-limit, merchant: M00000000000009 }\n", 3, "faults[0].limit",
                        "required: an amount in the currency's major unit such as 10000.00"),
                Arguments.of("name: x\nfaults:\n  - type: daily-limit\n    merchant: M00000000000009\n    limit: 0\n", 5, "faults[0].limit",
                        "amount 0 must be greater than zero"),
                Arguments.of("name: x\nfaults:\n  - type: daily-limit\n    merchant: M00000000000009\n    limit: -10000.00\n", 5,
                        "faults[0].limit", "must be greater than zero"),
                Arguments.of("name: x\nfaults:\n  - type: daily-limit\n    merchant: M00000000000009\n    limit: 10000.001\n", 5,
                        "faults[0].limit", "more than two decimals"),
                Arguments.of("name: x\nfaults:\n  - type: daily-limit\n    merchant: M00000000000009\n    limit: ten thousand\n", 5,
                        "faults[0].limit", "is not an amount such as 12.34"),
                Arguments.of("name: x\nfaults:\n  - { type: daily-limit, limit: 10000.00 }\n", 3, "faults[0].merchant", "required"),
                Arguments.of("name: x\nfaults:\n  - { type: daily-limit, merchant: M00000000000009, limit: 1.00, detail: \"" + "x".repeat(101)
                        + "\" }\n", 3, "faults[0].detail", "1 to 100 characters"),
                Arguments.of("faults: []\n", 1, "name", "required"),
                Arguments.of("name: x\nfaults: [\n", 3, null, "not valid YAML"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badScenarios")
    void badScenariosNameTheLineAndKey(String yaml, int line, String key, String text) {
        ScenarioError e = assertThrows(ScenarioError.class, () -> PARSER.parse("bad.yml", yaml));
        assertEquals(line, e.line(), e.getMessage());
        if (key != null) assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.yml:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void unknownMerchantsAndBanksAreRefusedBeforeAnythingIsSwitchedOn() {
        try (SettlementRig rig = SettlementRig.start(local("2026-11-19T09:00:00"))) {
            FaultRegistry faults = new FaultRegistry(1);
            FaultActivator activator = activator(rig, faults);
            String yaml = "name: x\nfaults:\n  - { type: bank-outage, bank: PSBC, from: 2026-11-20, to: 2026-11-21 }\n"
                    + "  - { type: account-frozen, merchant: M00000000000099 }\n";
            ScenarioError e = assertThrows(ScenarioError.class, () -> activator.load(PARSER.parse("s.yml", yaml)));
            assertEquals("s.yml:4: faults[1].merchant: unknown merchant 'M00000000000099'", e.getMessage());
            ScenarioError bank = assertThrows(ScenarioError.class, () -> activator.add(PARSER.parseFaults("f.yml",
                    "{ type: bank-outage, bank: HSBC, from: 2026-11-20, to: 2026-11-21 }")));
            assertTrue(bank.getMessage().contains("unknown bank 'HSBC'"), bank.getMessage());
            ScenarioError limit = assertThrows(ScenarioError.class, () -> activator.add(PARSER.parseFaults("f.yml",
                    "{ type: daily-limit, merchant: M00000000000099, limit: 10000.00 }")));
            assertEquals("f.yml:1: fault.merchant: unknown merchant 'M00000000000099'", limit.getMessage());
            assertEquals(List.of(), faults.list(), "nothing was switched on");
            assertEquals(List.of(), rig.settlement.banks().outages());
            assertEquals(List.of(), rig.settlement.dailyLimits().limits());
        }
    }
}
