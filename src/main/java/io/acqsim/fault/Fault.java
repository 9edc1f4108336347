package io.acqsim.fault;

import java.util.Map;

/**
 * One fault activation (PRODUCT.md §6): its id, type, window, and the specification it was made
 * from, as the API lists it. Delay reasons point back to it by id.
 *
 * @param type     scenario type, e.g. "bank-outage", "network", "account-frozen"
 * @param spec     the scenario entry it came from (for listing)
 * @param scenario the scenario's name, or null when added on its own
 */
public record Fault(String id, String type, Window window, Map<String, Object> spec, String scenario) {
    public Fault {
        spec = Map.copyOf(spec);
    }
}
