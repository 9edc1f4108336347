package io.acqsim.replay;

import java.util.Locale;

/** How {@code --compare} judges one field of a live answer against the recorded answer. */
public enum FieldRule {
    /** The same value as recorded (after carried values are translated, see {@link CarriedValues}). */
    EQUAL,
    /** The same value as the request that was sent: STAN, transmission time, TID echoed back. */
    ECHO,
    /** Present exactly when the recorded answer has it; the value is not compared (RRN, auth code, keys, MAC). */
    PRESENT,
    /** Must not be in the live answer. */
    ABSENT,
    /** Not compared at all. */
    IGNORE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static FieldRule of(String s) {
        for (FieldRule r : values()) if (r.id().equals(s.strip().toLowerCase(Locale.ROOT))) return r;
        throw new IllegalArgumentException("unknown rule '" + s + "' (rules: equal, echo, present, absent, ignore)");
    }
}
