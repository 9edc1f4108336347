package io.acqsim.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scripted terminal session as read from a YAML file in simulators/ (format: simulators/README.md):
 * who the terminal is, and the steps it takes. Settings left out are null; the command line fills them in
 * and overrides them.
 */
public record Script(Path file, String name, String profile, String tid, String mid, Duration timeout, List<Step> steps) {

    /** One entry of {@code steps}: an action with its expectations, or a repeated block. */
    public sealed interface Step permits Action, Repeat {
        /** "3" for the third step of the file, "3.2" for the second step inside a repeat at step 3. */
        String id();
    }

    /** The actions a step can take, with the arguments each accepts and needs. */
    public enum Verb {
        SIGNON("signon", Set.of(), Set.of()),
        ECHO("echo", Set.of(), Set.of()),
        SIGNOFF("signoff", Set.of(), Set.of()),
        PURCHASE("purchase", Set.of("amount", "qr", "pan", "expiry", "entry-mode", "chip"), Set.of("amount")),
        VOID("void", Set.of("rrn"), Set.of("rrn")),
        REFUND("refund", Set.of("amount", "rrn"), Set.of("amount", "rrn")),
        REVERSE("reverse", Set.of("stan"), Set.of("stan")),
        SETTLE("settle", Set.of(), Set.of()),
        FORGET("forget", Set.of("rrn"), Set.of("rrn"));

        public final String key;
        public final Set<String> allowed;
        public final Set<String> required;

        Verb(String key, Set<String> allowed, Set<String> required) {
            this.key = key;
            this.allowed = allowed;
            this.required = required;
        }

        public static Verb of(String key) {
            for (Verb v : values()) if (v.key.equals(key)) return v;
            return null;
        }

        public static String names() {
            StringBuilder sb = new StringBuilder();
            for (Verb v : values()) sb.append(sb.isEmpty() ? "" : ", ").append(v.key);
            return sb.append(", repeat").toString();
        }
    }

    /**
     * One action. {@code args} are the action's arguments as written (they may hold {@code ${name}}
     * references); {@code save} maps what to keep (rrn, stan, auth or a field number) to a variable name.
     */
    public record Action(String id, Verb verb, Map<String, String> args, Expectation expect, Map<String, String> save) implements Step {
        public String describe() {
            StringBuilder sb = new StringBuilder(verb.key);
            args.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }

    /** {@code steps} run {@code times} times in a row; {@code ${n}} is the iteration, 1-based. */
    public record Repeat(String id, int times, List<Step> steps) implements Step {
    }
}
