package io.acqsim.scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.payout.Obstacle;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutGate;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.payout.ReasonCode;
import io.acqsim.settlement.Settlement;

/**
 * The payout obstacles that scenarios switch on, asked before the bank and account ones, in this
 * order: host maintenance (nothing leaves the host: QUEUED until the window ends), a holiday freeze
 * added after the payout was planned (QUEUED to the next day that settles), a late terminal batch
 * (HELD one cycle), a risk hold (HELD N business days), a policy review (HELD some hours).
 */
final class ScenarioGates implements PayoutGate {
    record RiskHold(String faultId, String merchant, int businessDays, io.acqsim.fault.Window window) {
    }

    record PolicyReview(String faultId, long aboveMinor, int hours, io.acqsim.fault.Window window) {
    }

    record LateBatch(String faultId, String merchant, LocalDate from, LocalDate to) {
    }

    private final FaultRegistry faults;
    private final Settlement settlement;
    final List<RiskHold> riskHolds = new CopyOnWriteArrayList<>();
    final List<PolicyReview> reviews = new CopyOnWriteArrayList<>();
    final List<LateBatch> lateBatches = new CopyOnWriteArrayList<>();

    ScenarioGates(FaultRegistry faults, Settlement settlement) {
        this.faults = faults;
        this.settlement = settlement;
    }

    void remove(String faultId) {
        riskHolds.removeIf(r -> r.faultId().equals(faultId));
        reviews.removeIf(r -> r.faultId().equals(faultId));
        lateBatches.removeIf(r -> r.faultId().equals(faultId));
    }

    @Override
    public Optional<Obstacle> check(Payout p, Instant at) {
        FaultRegistry.Maintenance m = faults.maintenanceAt(at);
        if (m != null) {
            return Optional.of(new Obstacle(ReasonCode.HOST_MAINTENANCE, PayoutStatus.QUEUED, m.window().to(), m.detail(), m.faultId()));
        }
        SettlementCalendar cal = settlement.calendar();
        LocalDate today = at.atZone(settlement.zone()).toLocalDate();
        var freeze = cal.freezeOn(today);
        if (freeze.isPresent()) {
            LocalDate next = today.plusDays(1);
            while (cal.freezeOn(next).isPresent() || (p.product().equals("T1") && !cal.isSettlementDay(next))) next = next.plusDays(1);
            return Optional.of(new Obstacle(ReasonCode.HOLIDAY_FREEZE, PayoutStatus.QUEUED, at(next, p), freeze.get().name(), freeze.get().id()));
        }
        for (LateBatch b : lateBatches) {
            if (b.merchant().equals(p.merchantId()) && !p.businessDate().isBefore(b.from()) && !p.businessDate().isAfter(b.to())) {
                LocalDate scheduled = p.scheduledAt().atZone(settlement.zone()).toLocalDate();
                Instant until = at(p.product().equals("T1") ? cal.nextSettlementDay(scheduled) : scheduled.plusDays(1), p);
                if (at.isBefore(until)) {
                    return Optional.of(new Obstacle(ReasonCode.LATE_BATCH, PayoutStatus.HELD, until,
                            "terminal batch settled after the cutover; cleared in the next cycle", b.faultId()));
                }
            }
        }
        for (RiskHold r : riskHolds) {
            if (r.merchant().equals(p.merchantId()) && r.window().contains(p.scheduledAt())) {
                LocalDate scheduled = p.scheduledAt().atZone(settlement.zone()).toLocalDate();
                Instant until = at(cal.calendar().shift(scheduled, r.businessDays()), p);
                if (at.isBefore(until)) {
                    return Optional.of(new Obstacle(ReasonCode.RISK_HOLD, PayoutStatus.HELD, until,
                            "risk review: held " + r.businessDays() + " business days", r.faultId()));
                }
            }
        }
        for (PolicyReview r : reviews) {
            if (p.net() > r.aboveMinor() && r.window().contains(p.scheduledAt())) {
                Instant until = p.scheduledAt().plus(java.time.Duration.ofHours(r.hours()));
                if (at.isBefore(until)) {
                    return Optional.of(new Obstacle(ReasonCode.POLICY_REVIEW, PayoutStatus.HELD, until,
                            "policy review of payouts above " + io.acqsim.money.Amounts.format(r.aboveMinor()), r.faultId()));
                }
            }
        }
        return Optional.empty();
    }

    /** The product's payout time on {@code day}. */
    private Instant at(LocalDate day, Payout p) {
        LocalTime t = p.product().equals("D0") ? settlement.settings().d0Time() : settlement.settings().payoutTime();
        return day.atTime(t).atZone(settlement.zone()).toInstant();
    }
}
