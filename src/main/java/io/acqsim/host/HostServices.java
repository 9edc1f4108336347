package io.acqsim.host;

import java.util.EnumMap;
import java.util.Map;

import org.jpos.util.NameRegistrar;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.acqsim.app.AcqsimHost;
import io.acqsim.clock.Scheduler;
import io.acqsim.clock.SimClock;
import io.acqsim.config.HostConfig;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.host.link.TerminalLinkFaults;
import io.acqsim.scenario.FaultActivator;
import io.acqsim.config.Registry;
import io.acqsim.iso.Profile;
import io.acqsim.issuer.IssuerRules;
import io.acqsim.iso.Packagers;
import io.acqsim.keys.TerminalMasterKeys;
import io.acqsim.keys.WorkingKeyStore;
import io.acqsim.ledger.Ledger;
import io.acqsim.message.Dialect;
import io.acqsim.metrics.HostMeters;
import io.acqsim.settlement.Settlement;

/**
 * Everything the participants share, built by {@link AcqsimHost} before Q2 starts and registered in
 * jPOS's NameRegistrar, so the deploy descriptors only wire and the domain stays plain Java.
 * Time comes from the one injected {@link SimClock}; nothing here calls {@code now()} on its own.
 */
public final class HostServices {
    public static final String NAME = "acqsim.host";

    private final HostConfig config;
    private final Registry registry;
    private final IssuerRules issuer;
    private final Ledger ledger;
    private final SimClock clock;
    private final Scheduler scheduler;
    private final Settlement settlement;
    private final FaultRegistry faults;
    private final FaultActivator activator;
    private final TerminalLinkFaults terminalLinks;
    private final InFlight inFlight = new InFlight();
    private final BatchBook batches;
    private final RrnSequence rrns;
    private final Map<Profile, Dialect> dialects = new EnumMap<>(Profile.class);
    private final HostMeters meters;
    private final TerminalMasterKeys masterKeys;
    private final WorkingKeyStore workingKeys;
    private final Map<Profile, org.jpos.iso.ISOPackager> packagers = new EnumMap<>(Profile.class);

    /** @param meterRegistry where the host's meters go: the running Q2's Prometheus registry (see {@link HostMeters}) */
    public HostServices(HostConfig config, Registry registry, IssuerRules issuer, Ledger ledger, SimClock clock,
                        Scheduler scheduler, Settlement settlement, FaultRegistry faults,
                        FaultActivator activator, PrometheusMeterRegistry meterRegistry,
                        TerminalMasterKeys masterKeys, WorkingKeyStore workingKeys) {
        this.config = config;
        this.registry = registry;
        this.issuer = issuer;
        this.ledger = ledger;
        this.clock = clock;
        this.scheduler = scheduler;
        this.settlement = settlement;
        this.faults = faults;
        this.activator = activator;
        this.terminalLinks = new TerminalLinkFaults(faults, clock);
        this.batches = new BatchBook(ledger);
        this.rrns = new RrnSequence(ledger::nextRrnBlock);
        for (Profile p : Profile.values()) dialects.put(p, Dialect.of(p));
        for (Profile p : Profile.values()) packagers.put(p, Packagers.load(config.packagerDir(), p));
        this.masterKeys = masterKeys;
        this.workingKeys = workingKeys;
        this.meters = new HostMeters(meterRegistry, clock, scheduler, ledger, settlement, faults);
    }

    /** The instance registered for the running host; participants call this. */
    public static HostServices get() {
        try {
            return NameRegistrar.get(NAME);
        } catch (NameRegistrar.NotFoundException e) {
            throw new IllegalStateException("acqsim host services are not registered; start the host through AcqsimHost", e);
        }
    }

    public HostConfig config() { return config; }

    public Registry registry() { return registry; }

    public IssuerRules issuer() { return issuer; }

    public Ledger ledger() { return ledger; }

    public SimClock clock() { return clock; }

    /** Runs clearing, payouts and everything else that falls due in simulated time. */
    public Scheduler scheduler() { return scheduler; }

    public Settlement settlement() { return settlement; }

    /** Active faults: network rules the links consult, maintenance windows, and every activation's id. */
    public FaultRegistry faults() { return faults; }

    /** The terminal link's network faults, request and response side, and its connections' fault state. */
    public TerminalLinkFaults terminalLinks() { return terminalLinks; }

    /** Switches scenario faults on and off. */
    public FaultActivator activator() { return activator; }

    public InFlight inFlight() { return inFlight; }

    public BatchBook batches() { return batches; }

    public RrnSequence rrns() { return rrns; }

    public Dialect dialect(Profile p) { return dialects.get(p); }

    /** Terminal master keys per range, the MAC setting per range, and the security module. */
    public TerminalMasterKeys masterKeys() { return masterKeys; }

    /** Each terminal's working keys from its last sign-on. */
    public WorkingKeyStore workingKeys() { return workingKeys; }

    /** The profile's packager, as its channels use it: for computing MACs of responses. */
    public org.jpos.iso.ISOPackager packager(Profile p) { return packagers.get(p); }

    /** The host's meters and their Prometheus scrape. */
    public HostMeters meters() { return meters; }
}
