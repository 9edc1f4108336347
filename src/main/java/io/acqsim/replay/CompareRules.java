package io.acqsim.replay;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.HashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The rule per field that {@code --compare} applies. Defaults (for both profiles):
 * <ul>
 *   <li>{@code echo}: 7, 11, 41, 42 — the host must send back what the request carried;</li>
 *   <li>{@code ignore}: 12, 13 (the host's local time of capture) and 15 (the business date) — they follow
 *       the target's clock; with {@code --follow-clock} the target's clock is the recorded one, so they are
 *       {@code equal} there;</li>
 *   <li>{@code present}: 37 (RRN) and 38 (auth code), assigned afresh by every host, 62 (working keys) and
 *       64/128 (MAC), different on every run;</li>
 *   <li>{@code equal}: everything else, MTI and response code 39 first among them; for profile cup also
 *       the application header (pseudo-field {@code header}: the processing requirement, e.g. "sign on again";
 *       the TPDU's addresses are ignored).</li>
 * </ul>
 * {@code --ignore 15,60} ignores more fields; a rules file ({@code --rules FILE}) sets any field's rule:
 * <pre>
 * # field: equal | echo | present | absent | ignore
 * 39: equal
 * 44: present
 * header: ignore
 * </pre>
 */
public final class CompareRules {
    public static final String HEADER = "header";

    private final Map<String, FieldRule> rules = new HashMap<>();

    private CompareRules() {
    }

    public static CompareRules defaults(boolean followClock) {
        CompareRules r = new CompareRules();
        for (int f : new int[] {7, 11, 41, 42}) r.rules.put(String.valueOf(f), FieldRule.ECHO);
        for (int f : new int[] {12, 13, 15}) r.rules.put(String.valueOf(f), followClock ? FieldRule.EQUAL : FieldRule.IGNORE);
        for (int f : new int[] {37, 38, 62, 64, 128}) r.rules.put(String.valueOf(f), FieldRule.PRESENT);
        return r;
    }

    public FieldRule rule(String field) {
        return rules.getOrDefault(field, FieldRule.EQUAL);
    }

    /** {@code --ignore 15,60}: more fields not compared. */
    public CompareRules ignore(String list) {
        if (list == null || list.isBlank()) return this;
        for (String f : list.split(",")) rules.put(field(f.strip(), "--ignore"), FieldRule.IGNORE);
        return this;
    }

    /** Rules read from a YAML map of field → rule; a bad entry is an IllegalArgumentException naming file, line and key. */
    public CompareRules read(Path file) throws IOException {
        Object doc;
        try (Reader in = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        }
        if (doc == null) return this;
        if (!(doc instanceof Map<?, ?> map)) throw new IllegalArgumentException(file + ": expected a map of field: rule (e.g. '39: equal')");
        for (var e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String where = file + ": " + key;
            String field = field(key, where);
            try {
                rules.put(field, FieldRule.of(String.valueOf(e.getValue())));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(where + ": " + bad.getMessage());
            }
        }
        return this;
    }

    private static String field(String s, String where) {
        if (s.equals(HEADER)) return s;
        if (s.matches("\\d{1,3}(\\.\\d{1,3})*")) {
            int top = Integer.parseInt(s.split("\\.")[0]);
            if (top >= 0 && top <= 192) return s.replaceFirst("^0+(?=\\d)", "");
        }
        throw new IllegalArgumentException(where + ": '" + s + "' is not a field number (0-192, subfields as 127.2) or 'header'");
    }

    /** The rules that differ from equal, for the report: "7 echo, 12 ignore, ...". */
    public Map<String, FieldRule> nonDefault() {
        return Map.copyOf(rules);
    }
}
