package io.acqsim.scenario;

import java.util.List;

/**
 * A validated scenario file (PRODUCT.md §6).
 *
 * @param calendar calendar to settle on (e.g. "cn-2026"), or null to keep the host's
 */
public record Scenario(String name, String description, String calendar, List<FaultSpec> faults) {
    public Scenario {
        faults = List.copyOf(faults);
    }
}
