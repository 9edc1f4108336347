package io.acqsim.fault;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.acqsim.config.WholeNumbers;

/**
 * An action's parameters as written ({@code latency: PT2S}), read with the checks every action
 * shares; each mistake is an IllegalArgumentException that starts with the parameter's name.
 */
public record ActionParameters(Map<String, String> values) {
    public ActionParameters {
        values = Map.copyOf(values);
    }

    /** An ISO-8601 duration such as PT2S, not negative; {@code otherwise} when absent (null: required). */
    public Duration duration(String key, Duration otherwise) {
        String v = values.get(key);
        if (v == null) {
            if (otherwise == null) throw new IllegalArgumentException(key + ": required, e.g. PT2S");
            return otherwise;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative()) throw new IllegalArgumentException(key + ": must not be negative");
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not an ISO-8601 duration such as PT2S");
        }
    }

    /** A required whole number in [min, max]. */
    public long number(String key, long min, long max) {
        String v = values.get(key);
        if (v == null) throw new IllegalArgumentException(key + ": required");
        return WholeNumbers.parse(key, v, min, max);
    }

    /** One of {@code allowed}; {@code otherwise} when absent. */
    public String oneOf(String key, String otherwise, String... allowed) {
        String v = values.getOrDefault(key, otherwise);
        for (String a : allowed) if (a.equals(v)) return v;
        throw new IllegalArgumentException(key + ": '" + v + "' is not " + String.join(" or ", allowed));
    }
}
