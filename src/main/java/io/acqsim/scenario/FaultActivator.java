package io.acqsim.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.acqsim.calendar.BusinessCalendar;
import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.config.Registry;
import io.acqsim.fault.Direction;
import io.acqsim.fault.Fault;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.Match;
import io.acqsim.fault.DropRequest;
import io.acqsim.fault.NetworkRule;
import io.acqsim.payout.DailyLimits;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.SettlementBanks;
import io.acqsim.settlement.Settlement;

/**
 * Turns scenario entries into live faults on a running host: each gets an id (F-1, ...) in the
 * {@link FaultRegistry} and switches on its effect where it acts — a network rule, a maintenance
 * window, a bank outage or link fault, a calendar freeze, an account freeze, a hold, a daily limit. A
 * scenario is checked whole (unknown merchants, banks, calendars) before anything is switched on.
 * Removing a fault switches its effect off and offers at once the payouts it was holding.
 */
public final class FaultActivator {
    private static final Logger LOG = LogManager.getLogger(FaultActivator.class);

    private final FaultRegistry faults;
    private final Settlement settlement;
    private final Registry registry;
    private final Calendars calendars;
    private final ScenarioGates gates;

    public FaultActivator(FaultRegistry faults, Settlement settlement, Registry registry, Calendars calendars) {
        this.faults = faults;
        this.settlement = settlement;
        this.registry = registry;
        this.calendars = calendars;
        this.gates = new ScenarioGates(faults, settlement);
        settlement.addGate(gates);
    }

    /** Switches on every fault of the scenario (and its calendar, if it names one). */
    public synchronized List<Fault> load(Scenario s) {
        BusinessCalendar calendar = null;
        if (s.calendar() != null) {
            try {
                calendar = calendars.get(s.calendar());
            } catch (IllegalArgumentException e) {
                throw s.calendarAt() != null ? s.calendarAt().error(null, e.getMessage())
                        : new ScenarioError(s.name(), 0, "calendar", e.getMessage());
            }
        }
        s.faults().forEach(this::check);
        if (calendar != null) {
            BusinessCalendar c = calendar;
            settlement.updateCalendar(old -> new SettlementCalendar(c, old.freezes()));
        }
        List<Fault> out = new ArrayList<>();
        for (FaultSpec f : s.faults()) out.add(activate(f, s.name()));
        LOG.info("scenario {} loaded: {} faults", s.name(), out.size());
        return out;
    }

    /** Switches on single faults (no scenario). */
    public synchronized List<Fault> add(List<FaultSpec> specs) {
        specs.forEach(this::check);
        List<Fault> out = new ArrayList<>();
        for (FaultSpec f : specs) out.add(activate(f, null));
        return out;
    }

    /** Switches a fault off; the payouts it held are offered again now. False if there is no such fault. */
    public synchronized boolean remove(String id) {
        if (!faults.remove(id)) return false;
        settlement.release((Payout p) -> p.openReason() != null && id.equals(p.openReason().faultId()));
        return true;
    }

    public synchronized int clear() {
        List<Fault> all = faults.list();
        all.forEach(f -> remove(f.id()));
        return all.size();
    }

    /** Names the first thing the running host does not know, at the entry's line. */
    private void check(FaultSpec f) {
        switch (f) {
            case FaultSpec.BankOutage b -> bank(f, b.bank());
            case FaultSpec.Network n when n.link() == Link.BANK -> bank(f, n.bank());
            case FaultSpec.AccountFrozen a -> merchant(f, a.merchant());
            case FaultSpec.InvalidAccount a -> merchant(f, a.merchant());
            case FaultSpec.RiskHold r -> merchant(f, r.merchant());
            case FaultSpec.LateBatch l -> merchant(f, l.merchant());
            case FaultSpec.DailyLimit d -> merchant(f, d.merchant());
            default -> { }
        }
    }

    private void bank(FaultSpec f, String bank) {
        if (!registry.banks().contains(bank)) throw f.at().error("bank", "unknown bank '" + bank + "'; known: " + registry.banks());
    }

    private void merchant(FaultSpec f, String mid) {
        if (registry.merchant(mid) == null) throw f.at().error("merchant", "unknown merchant '" + mid + "'");
    }

    private Fault activate(FaultSpec spec, String scenario) {
        String id = faults.nextId();
        Fault fault = new Fault(id, spec.type(), spec.window(), spec.at().raw(), scenario);
        Runnable undo = null;
        switch (spec) {
            case FaultSpec.BankOutage b -> {
                settlement.banks().addOutage(new SettlementBanks.Outage(b.bank(), b.window().from(), b.window().to(), b.bank() + " " + b.detail(), id));
                undo = () -> settlement.banks().remove(id);
            }
            case FaultSpec.Network n when n.link() == Link.BANK -> {
                settlement.banks().addLinkFault(new SettlementBanks.LinkFault(n.bank(), or(n.window().from(), Instant.MIN),
                        or(n.window().to(), Instant.MAX), n.match().probability(), n.bank() + " link: " + n.action().name(), id));
                undo = () -> settlement.banks().remove(id);
            }
            case FaultSpec.Network n -> faults.addRule(new NetworkRule(id, n.link(), n.direction(), n.action(), n.match(), n.window(), faults.seed()));
            case FaultSpec.IssuerUnavailable i -> faults.addRule(new NetworkRule(id, Link.ISSUER, Direction.REQUEST, new DropRequest(),
                    Match.ALL, i.window(), faults.seed()));
            case FaultSpec.HostMaintenance m -> faults.addMaintenance(new FaultRegistry.Maintenance(id, m.window(), m.answer(), "host maintenance"));
            case FaultSpec.HolidayFreeze h -> {
                settlement.updateCalendar(c -> c.withFreeze(new HolidayFreeze(id, h.name(), h.from(), h.to())));
                undo = () -> settlement.updateCalendar(c -> c.withoutFreeze(id));
            }
            case FaultSpec.AccountFrozen a -> {
                settlement.accounts().freeze(new MerchantAccounts.Freeze(a.merchant(), or(a.window().from(), Instant.MIN), a.window().to(),
                        "account frozen", id));
                undo = () -> settlement.accounts().remove(id);
            }
            case FaultSpec.InvalidAccount a -> {
                settlement.accounts().markInvalid(new MerchantAccounts.Invalid(a.merchant(), or(a.window().from(), Instant.MIN),
                        "invalid account number; returned by the bank", id));
                undo = () -> settlement.accounts().remove(id);
            }
            case FaultSpec.RiskHold r -> {
                gates.riskHolds.add(new ScenarioGates.RiskHold(id, r.merchant(), r.businessDays(), r.window()));
                undo = () -> gates.remove(id);
            }
            case FaultSpec.PolicyReview r -> {
                gates.reviews.add(new ScenarioGates.PolicyReview(id, r.aboveMinor(), r.hours(), r.window()));
                undo = () -> gates.remove(id);
            }
            case FaultSpec.DailyLimit d -> {
                settlement.dailyLimits().add(new DailyLimits.Limit(d.merchant(), d.limitMinor(), d.window().from(), d.window().to(), d.detail(), id));
                undo = () -> settlement.dailyLimits().remove(id);
            }
            case FaultSpec.LateBatch l -> {
                gates.lateBatches.add(new ScenarioGates.LateBatch(id, l.merchant(), l.from(), l.to()));
                undo = () -> gates.remove(id);
            }
        }
        faults.add(fault, undo);
        return fault;
    }

    private static Instant or(Instant a, Instant b) {
        return a != null ? a : b;
    }
}
