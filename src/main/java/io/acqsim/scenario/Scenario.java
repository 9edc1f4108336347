package io.acqsim.scenario;

import java.util.List;

/**
 * A validated scenario file (PRODUCT.md §6).
 *
 * @param calendar   calendar to settle on (e.g. "cn-2026"), or null to keep the host's
 * @param calendarAt where the file names it (for an unknown name, found only when the scenario is loaded), or null
 */
public record Scenario(String name, String description, String calendar, List<FaultSpec> faults, FaultSpec.At calendarAt) {
    public Scenario {
        faults = List.copyOf(faults);
    }
}
