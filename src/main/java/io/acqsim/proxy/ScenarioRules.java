package io.acqsim.proxy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.acqsim.fault.Fault;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.NetworkRule;
import io.acqsim.scenario.FaultSpec;
import io.acqsim.scenario.ScenarioParser;

/**
 * The part of a scenario file the proxy can act on: its terminal-link network faults, as rules in the
 * proxy's registry (windows on the real clock). Everything else — bank, issuer, settlement and
 * merchant faults — belongs to a host, and is reported back as ignored.
 */
final class ScenarioRules {
    private ScenarioRules() {
    }

    /** Adds the file's terminal-link faults to {@code registry}; returns one line per fault it ignored. */
    static List<String> load(FaultRegistry registry, Path file, ZoneId zone, boolean messageAware) {
        var scenario = new ScenarioParser(zone).parse(file);
        List<String> ignored = new ArrayList<>();
        for (FaultSpec spec : scenario.faults()) {
            if (spec instanceof FaultSpec.Network n && n.link() == Link.TERMINAL) {
                if (!messageAware && !n.match().equals(io.acqsim.fault.Match.ALL.withProbability(n.match().probability()))) {
                    throw new IllegalArgumentException(file.getFileName() + ":" + spec.at().line()
                            + ": selecting messages (mti, tid, amount, first, ...) needs --profile cup|iso87a");
                }
                String id = registry.nextId();
                registry.addRule(new NetworkRule(id, Link.TERMINAL, n.direction(), n.action(), n.match(), n.window(), registry.seed()));
                registry.add(new Fault(id, spec.type(), spec.window(), spec.at().raw(), scenario.name()), null);
            } else {
                ignored.add(file.getFileName() + ":" + spec.at().line() + ": " + spec.type()
                        + (spec instanceof FaultSpec.Network n ? " (link " + n.link().name().toLowerCase(java.util.Locale.ROOT) + ")" : "")
                        + " acts inside a host, not on the proxy's link");
            }
        }
        return ignored;
    }
}
