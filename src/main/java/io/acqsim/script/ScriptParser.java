package io.acqsim.script;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.acqsim.yaml.FileError;
import io.acqsim.yaml.YamlNode;
import io.acqsim.yaml.YamlReader;

/**
 * Reads a script (simulators/README.md) into a {@link Script}, checking everything that can be checked
 * before a message is sent. Any mistake is a {@link FileError} naming the file, the line, the step
 * ("step 2.1", as the run's report numbers them) and the key within it.
 */
public final class ScriptParser {
    private static final List<String> TOP = List.of("name", "description", "profile", "terminal", "timeout", "steps");
    private static final List<String> SAVE = List.of("rrn", "stan", "auth");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");

    private final Path file;

    private ScriptParser(Path file) {
        this.file = file;
    }

    public static Script parse(Path file) {
        return new ScriptParser(file).script(YamlReader.read(file));
    }

    /** Parses script text; {@code file} only names it in messages and in the script. */
    public static Script parse(Path file, Reader text) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = text.read(buf)) > 0; ) sb.append(buf, 0, n);
        return new ScriptParser(file).script(YamlReader.parse(file, String.valueOf(file), sb.toString()));
    }

    private Script script(YamlNode root) {
        if (!root.isMapping()) throw err(root, "", "the script must be a mapping with at least 'steps' (see simulators/README.md)");
        Map<String, YamlNode> top = root.mapping();
        top.forEach((k, v) -> {
            if (!TOP.contains(k)) throw err(v, "", "unknown key '" + k + "' (a script has " + String.join(", ", TOP) + ")");
        });
        String name = given(top, "name") == null ? defaultName() : text(top.get("name"), "", "name");
        String profile = given(top, "profile") == null ? null : text(top.get("profile"), "", "profile");
        if (profile != null && !profile.equals("cup") && !profile.equals("iso87a")) {
            throw err(top.get("profile"), "", "profile: '" + profile + "' is neither cup nor iso87a");
        }
        String tid = null;
        String mid = null;
        YamlNode terminal = given(top, "terminal");
        if (terminal != null) {
            if (!terminal.isMapping()) throw err(terminal, "", "terminal: expected a mapping such as { tid: T0000001, mid: M00000000000001 }");
            terminal.mapping().forEach((k, v) -> {
                if (!k.equals("tid") && !k.equals("mid")) throw err(v, "", "terminal: unknown key '" + k + "' (tid, mid)");
            });
            Map<String, YamlNode> t = terminal.mapping();
            tid = given(t, "tid") == null ? null : text(t.get("tid"), "", "terminal.tid");
            mid = given(t, "mid") == null ? null : text(t.get("mid"), "", "terminal.mid");
        }
        Duration timeout = given(top, "timeout") == null ? null : duration(top.get("timeout"));
        YamlNode steps = given(top, "steps");
        if (steps == null || !steps.isSequence() || steps.sequence().isEmpty()) {
            throw err(steps == null ? root : steps, "", "steps: expected a list of at least one step");
        }
        return new Script(file, name, profile, tid, mid, timeout, steps(steps.sequence(), ""));
    }

    private String defaultName() {
        String f = file.getFileName().toString();
        return f.replaceFirst("\\.ya?ml$", "");
    }

    private Duration duration(YamlNode node) {
        Object v = typed(node);
        if (v instanceof Number n) return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        try {
            return Duration.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw err(node, "", "timeout: '" + v + "' is neither seconds (5) nor an ISO-8601 duration (PT5S)");
        }
    }

    private List<Script.Step> steps(List<YamlNode> nodes, String prefix) {
        List<Script.Step> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) out.add(step(nodes.get(i), prefix + (i + 1)));
        return List.copyOf(out);
    }

    private Script.Step step(YamlNode node, String id) {
        if (node.isScalar() && node.value() instanceof String s) return action(node, id, verb(node, s, id), null, null, null);
        if (!node.isMapping()) throw err(node, id, "expected an action such as 'signon: {}' or 'purchase: { amount: \"12.34\" }'");
        Map<String, YamlNode> map = node.mapping();
        String actionKey = null;
        for (Map.Entry<String, YamlNode> e : map.entrySet()) {
            String key = e.getKey();
            if (key.equals("expect") || key.equals("save") || key.equals("steps")) continue;
            if (!key.equals("repeat") && Script.Verb.of(key) == null) {
                throw err(e.getValue(), id, "unknown action '" + key + "' (actions: " + Script.Verb.names() + "; a step may also have expect and save)");
            }
            if (actionKey != null) throw err(e.getValue(), id, "two actions, '" + actionKey + "' and '" + key + "', in one step; give each its own step");
            actionKey = key;
        }
        if (actionKey == null) throw err(node, id, "no action (one of " + Script.Verb.names() + ")");
        if (actionKey.equals("repeat")) {
            map.forEach((k, v) -> {
                if (!k.equals("repeat") && !k.equals("steps")) throw err(v, id, "repeat: '" + k + "' belongs on the repeated steps, not on the repeat");
            });
            Object times = typed(map.get("repeat"));
            if (!(times instanceof Integer n) || n < 1) throw err(map.get("repeat"), id, "repeat: expected a count of at least 1, got '" + times + "'");
            YamlNode inner = given(map, "steps");
            if (inner == null || !inner.isSequence() || inner.sequence().isEmpty()) {
                throw err(inner == null ? node : inner, id, "repeat: needs 'steps', a list of at least one step");
            }
            return new Script.Repeat(id, n, steps(inner.sequence(), id + "."));
        }
        if (map.containsKey("steps")) throw err(map.get("steps"), id, actionKey + ": unknown key 'steps' (only repeat has steps)");
        return action(node, id, Script.Verb.of(actionKey), given(map, actionKey), given(map, "expect"), given(map, "save"));
    }

    private Script.Verb verb(YamlNode node, String s, String id) {
        Script.Verb v = Script.Verb.of(s);
        if (v == null) throw err(node, id, "unknown action '" + s + "' (actions: " + Script.Verb.names() + ")");
        return v;
    }

    private Script.Action action(YamlNode step, String id, Script.Verb verb, YamlNode argsNode, YamlNode expectNode, YamlNode saveNode) {
        String at = verb.key;
        Map<String, String> args = new LinkedHashMap<>();
        if (argsNode != null) {
            if (!argsNode.isMapping()) {
                throw err(argsNode, id, at + ": expected a mapping of arguments"
                        + (verb.required.isEmpty() ? " or {}" : " such as { " + verb.required.iterator().next() + ": ... }"));
            }
            for (Map.Entry<String, YamlNode> e : argsNode.mapping().entrySet()) {
                String key = e.getKey();
                if (!verb.allowed.contains(key)) {
                    throw err(e.getValue(), id, at + ": unknown key '" + key + "'" + (verb.allowed.isEmpty() ? " (" + at + " takes no arguments)"
                            : " (" + at + " takes " + String.join(", ", verb.allowed.stream().sorted().toList()) + ")"));
                }
                args.put(key, argument(e.getValue(), id, at, key));
            }
        }
        for (String r : verb.required) if (!args.containsKey(r)) throw err(argsNode == null ? step : argsNode, id, at + ": missing '" + r + "'");
        Expectation expect = Expectation.ANSWERED;
        if (expectNode != null) {
            if (verb == Script.Verb.FORGET) throw err(expectNode, id, "forget: sends nothing, so it has no 'expect'");
            expect = new ExpectationReader(this, id).read(expectNode, verb == Script.Verb.SETTLE);
        }
        Map<String, String> save = new LinkedHashMap<>();
        if (saveNode != null) {
            if (verb == Script.Verb.FORGET) throw err(saveNode, id, "forget: sends nothing, so it has no 'save'");
            if (!saveNode.isMapping()) throw err(saveNode, id, "save: expected a mapping such as { rrn: sale1 }");
            for (Map.Entry<String, YamlNode> e : saveNode.mapping().entrySet()) {
                String what = e.getKey();
                Integer field = ExpectationReader.field(what);
                if (!SAVE.contains(what) && field == null) throw err(e.getValue(), id, "save: unknown key '" + what + "' (rrn, stan, auth or a field number)");
                Object name = typed(e.getValue());
                if (!(name instanceof String n) || !VAR_NAME.matcher(n).matches() || n.equals("n")) {
                    throw err(e.getValue(), id, "save." + what + ": '" + name + "' is not a variable name (letters, digits, _ . -; not 'n')");
                }
                save.put(SAVE.contains(what) ? what : String.valueOf(field), n);
            }
        }
        return new Script.Action(id, verb, Map.copyOf(args), expect, Map.copyOf(save));
    }

    private String argument(YamlNode node, String id, String at, String key) {
        String where = at + "." + key;
        if (node.isNull()) throw err(node, id, where + ": has no value");
        if (!node.isScalar()) throw err(node, id, where + ": expected a single value");
        Object v = node.value();
        if (key.equals("chip") && v instanceof Boolean b) return b.toString();
        if (!key.equals("amount") && !(v instanceof String)) {
            throw err(node, id, where + ": write " + v + " in quotes (a bare number loses leading zeros), e.g. " + key + ": \"" + v + "\"");
        }
        String s = v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(v);
        checkRefs(s, node, id, where);
        if (s.contains("${")) return s;
        switch (key) {
            case "amount" -> {
                try {
                    amount(s, where);
                } catch (IllegalArgumentException e) {
                    throw err(node, id, e.getMessage());
                }
            }
            case "entry-mode" -> {
                if (!s.matches("0[257]\\d")) throw err(node, id, where + ": '" + s + "' is not a card entry mode (021 magstripe, 051 chip, 071 contactless)");
            }
            case "chip" -> {
                if (!s.equals("true") && !s.equals("false")) throw err(node, id, where + ": '" + s + "' is neither true nor false");
            }
            case "stan" -> {
                if (!s.equals("last") && !s.matches("\\d{6}")) throw err(node, id, where + ": '" + s + "' is neither 6 digits, 'last' nor a ${variable}");
            }
            case "rrn" -> {
                if (!s.matches("\\d{1,12}")) throw err(node, id, where + ": '" + s + "' is neither an RRN (12 digits) nor a ${variable}");
            }
            default -> {
            }
        }
        return s;
    }

    void checkRefs(String s, YamlNode node, String id, String where) {
        var m = REF.matcher(s);
        while (m.find()) {
            if (!VAR_NAME.matcher(m.group(1)).matches()) throw err(node, id, where + ": '${" + m.group(1) + "}' is not a variable reference");
        }
        if (s.replaceAll("\\$\\{[^}]*}", "").contains("${")) throw err(node, id, where + ": unclosed '${' in '" + s + "'");
    }

    /**
     * Validates an amount in major units as the command line does ("12.34": > 0, at most two decimals,
     * 12 digits of fen); also used when a step runs, after ${variables} are filled in.
     *
     * @throws IllegalArgumentException "where: problem"
     */
    static long amount(String s, String where) {
        try {
            return io.acqsim.money.Amounts.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** The value under {@code key}, or null when it is not written or written empty. */
    static YamlNode given(Map<String, YamlNode> map, String key) {
        YamlNode n = map.get(key);
        return n == null || n.isNull() ? null : n;
    }

    /** A single value as YAML types it, else the mapping or list as plain values (for messages). */
    static Object typed(YamlNode n) {
        return n.isScalar() ? n.value() : n.plain();
    }

    private String text(YamlNode v, String id, String key) {
        if (!v.isScalar() || v.isNull()) throw err(v, id, key + ": expected a single value");
        return v.text();
    }

    /** A problem on the line of {@code at} in step {@code id} (empty: outside the steps). */
    FileError err(YamlNode at, String id, String message) {
        return new FileError(file, String.valueOf(file), at.line(), id.isEmpty() ? "" : "step " + id, message, null);
    }
}
