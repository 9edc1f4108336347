package io.acqsim.script;

import io.acqsim.money.Amounts;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a script (simulators/README.md) into a {@link Script}, checking everything that can be checked
 * before a message is sent. Any mistake is a {@link ScriptError} naming the file, the step and the key.
 */
public final class ScriptParser {
    private static final List<String> TOP = List.of("name", "description", "profile", "terminal", "timeout", "steps");
    private static final List<String> EXPECT = List.of("rc", "mandatory", "echoed", "absent", "equals", "balanced", "uploaded");
    private static final List<String> SAVE = List.of("rrn", "stan", "auth");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");

    private final Path file;

    private ScriptParser(Path file) {
        this.file = file;
    }

    public static Script parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScriptError("script " + file + " does not exist");
        } catch (IOException e) {
            throw new ScriptError("script " + file + " is unreadable: " + e.getMessage(), e);
        }
        return new ScriptParser(file).parseText(text);
    }

    /** Parses script text; {@code file} only names it in messages and in the script. */
    public static Script parse(Path file, Reader text) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = text.read(buf)) > 0; ) sb.append(buf, 0, n);
        return new ScriptParser(file).parseText(sb.toString());
    }

    private Script parseText(String text) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
            throw new ScriptError(file + ": not valid YAML" + where + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ScriptError(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top)) throw err("", "the script must be a mapping with at least 'steps' (see simulators/README.md)");
        for (Object k : top.keySet()) {
            if (!TOP.contains(String.valueOf(k))) throw err("", "unknown key '" + k + "' (a script has " + String.join(", ", TOP) + ")");
        }
        String name = top.get("name") == null ? defaultName() : text(top.get("name"), "", "name");
        String profile = top.get("profile") == null ? null : text(top.get("profile"), "", "profile");
        if (profile != null && !profile.equals("cup") && !profile.equals("iso87a")) throw err("", "profile: '" + profile + "' is neither cup nor iso87a");
        String tid = null;
        String mid = null;
        if (top.get("terminal") != null) {
            if (!(top.get("terminal") instanceof Map<?, ?> t)) throw err("", "terminal: expected a mapping such as { tid: T0000001, mid: M00000000000001 }");
            for (Object k : t.keySet()) if (!k.equals("tid") && !k.equals("mid")) throw err("", "terminal: unknown key '" + k + "' (tid, mid)");
            tid = t.get("tid") == null ? null : text(t.get("tid"), "", "terminal.tid");
            mid = t.get("mid") == null ? null : text(t.get("mid"), "", "terminal.mid");
        }
        Duration timeout = top.get("timeout") == null ? null : duration(top.get("timeout"));
        if (!(top.get("steps") instanceof List<?> steps) || steps.isEmpty()) throw err("", "steps: expected a list of at least one step");
        return new Script(file, name, profile, tid, mid, timeout, steps(steps, ""));
    }

    private String defaultName() {
        String f = file.getFileName().toString();
        return f.replaceFirst("\\.ya?ml$", "");
    }

    private Duration duration(Object v) {
        if (v instanceof Number n) return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        try {
            return Duration.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw err("", "timeout: '" + v + "' is neither seconds (5) nor an ISO-8601 duration (PT5S)");
        }
    }

    private List<Script.Step> steps(List<?> nodes, String prefix) {
        List<Script.Step> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) out.add(step(nodes.get(i), prefix + (i + 1)));
        return List.copyOf(out);
    }

    private Script.Step step(Object node, String id) {
        if (node instanceof String s) {
            Script.Verb v = verb(s, id);
            return action(id, v, null, null, null);
        }
        if (!(node instanceof Map<?, ?> map)) throw err(id, "expected an action such as 'signon: {}' or 'purchase: { amount: \"12.34\" }'");
        String actionKey = null;
        for (Object k : map.keySet()) {
            String key = String.valueOf(k);
            if (key.equals("expect") || key.equals("save") || key.equals("steps")) continue;
            if (!key.equals("repeat") && Script.Verb.of(key) == null) {
                throw err(id, "unknown action '" + key + "' (actions: " + Script.Verb.names() + "; a step may also have expect and save)");
            }
            if (actionKey != null) throw err(id, "two actions, '" + actionKey + "' and '" + key + "', in one step; give each its own step");
            actionKey = key;
        }
        if (actionKey == null) throw err(id, "no action (one of " + Script.Verb.names() + ")");
        if (actionKey.equals("repeat")) {
            for (Object k : map.keySet()) {
                if (!k.equals("repeat") && !k.equals("steps")) throw err(id, "repeat: '" + k + "' belongs on the repeated steps, not on the repeat");
            }
            Object times = map.get("repeat");
            if (!(times instanceof Integer n) || n < 1) throw err(id, "repeat: expected a count of at least 1, got '" + times + "'");
            if (!(map.get("steps") instanceof List<?> inner) || inner.isEmpty()) throw err(id, "repeat: needs 'steps', a list of at least one step");
            return new Script.Repeat(id, n, steps(inner, id + "."));
        }
        if (map.containsKey("steps")) throw err(id, actionKey + ": unknown key 'steps' (only repeat has steps)");
        return action(id, Script.Verb.of(actionKey), map.get(actionKey), map.get("expect"), map.get("save"));
    }

    private Script.Verb verb(String s, String id) {
        Script.Verb v = Script.Verb.of(s);
        if (v == null) throw err(id, "unknown action '" + s + "' (actions: " + Script.Verb.names() + ")");
        return v;
    }

    private Script.Action action(String id, Script.Verb verb, Object argsNode, Object expectNode, Object saveNode) {
        String at = verb.key;
        Map<String, String> args = new LinkedHashMap<>();
        if (argsNode != null) {
            if (!(argsNode instanceof Map<?, ?> a)) {
                throw err(id, at + ": expected a mapping of arguments" + (verb.required.isEmpty() ? " or {}" : " such as { " + verb.required.iterator().next() + ": ... }"));
            }
            for (Map.Entry<?, ?> e : a.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!verb.allowed.contains(key)) {
                    throw err(id, at + ": unknown key '" + key + "'" + (verb.allowed.isEmpty() ? " (" + at + " takes no arguments)"
                            : " (" + at + " takes " + String.join(", ", verb.allowed.stream().sorted().toList()) + ")"));
                }
                args.put(key, argument(e.getValue(), id, at, key));
            }
        }
        for (String r : verb.required) if (!args.containsKey(r)) throw err(id, at + ": missing '" + r + "'");
        Expectation expect = Expectation.ANSWERED;
        if (expectNode != null) {
            if (verb == Script.Verb.FORGET) throw err(id, "forget: sends nothing, so it has no 'expect'");
            expect = expectation(expectNode, id, verb);
        }
        Map<String, String> save = new LinkedHashMap<>();
        if (saveNode != null) {
            if (verb == Script.Verb.FORGET) throw err(id, "forget: sends nothing, so it has no 'save'");
            if (!(saveNode instanceof Map<?, ?> s)) throw err(id, "save: expected a mapping such as { rrn: sale1 }");
            for (Map.Entry<?, ?> e : s.entrySet()) {
                String what = String.valueOf(e.getKey());
                if (!SAVE.contains(what) && field(e.getKey()) == null) throw err(id, "save: unknown key '" + what + "' (rrn, stan, auth or a field number)");
                if (!(e.getValue() instanceof String name) || !VAR_NAME.matcher(name).matches() || name.equals("n")) {
                    throw err(id, "save." + what + ": '" + e.getValue() + "' is not a variable name (letters, digits, _ . -; not 'n')");
                }
                save.put(SAVE.contains(what) ? what : String.valueOf(field(e.getKey())), name);
            }
        }
        return new Script.Action(id, verb, Map.copyOf(args), expect, Map.copyOf(save));
    }

    private String argument(Object v, String id, String at, String key) {
        String where = at + "." + key;
        if (v == null) throw err(id, where + ": has no value");
        if (v instanceof Map || v instanceof List) throw err(id, where + ": expected a single value");
        if (!key.equals("amount") && !(v instanceof String)) {
            throw err(id, where + ": write " + v + " in quotes (a bare number loses leading zeros), e.g. " + key + ": \"" + v + "\"");
        }
        String s = v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(v);
        checkRefs(s, id, where);
        if (s.contains("${")) return s;
        switch (key) {
            case "amount" -> checkAmount(s, id, where);
            case "entry-mode" -> {
                if (!s.matches("0[257]\\d")) throw err(id, where + ": '" + s + "' is not a card entry mode (021 magstripe, 051 chip, 071 contactless)");
            }
            case "stan" -> {
                if (!s.equals("last") && !s.matches("\\d{6}")) throw err(id, where + ": '" + s + "' is neither 6 digits, 'last' nor a ${variable}");
            }
            case "rrn" -> {
                if (!s.matches("\\d{1,12}")) throw err(id, where + ": '" + s + "' is neither an RRN (12 digits) nor a ${variable}");
            }
            default -> {
            }
        }
        return s;
    }

    private void checkRefs(String s, String id, String where) {
        var m = REF.matcher(s);
        while (m.find()) {
            if (!VAR_NAME.matcher(m.group(1)).matches()) throw err(id, where + ": '${" + m.group(1) + "}' is not a variable reference");
        }
        if (s.replaceAll("\\$\\{[^}]*}", "").contains("${")) throw err(id, where + ": unclosed '${' in '" + s + "'");
    }

    /** Validates an amount in major units as the command line does ("12.34": > 0, at most two decimals, 12 digits of fen). */
    static long amount(String s, String where) {
        try {
            return io.acqsim.money.Amounts.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ScriptError(where + ": " + e.getMessage());
        }
    }

    private void checkAmount(String s, String id, String where) {
        try {
            amount(s, where);
        } catch (ScriptError e) {
            throw err(id, e.getMessage());
        }
    }

    private Expectation expectation(Object node, String id, Script.Verb verb) {
        if (!(node instanceof Map<?, ?> m)) throw err(id, "expect: expected a mapping such as { rc: \"00\" }");
        for (Object k : m.keySet()) {
            if (!EXPECT.contains(String.valueOf(k))) throw err(id, "expect: unknown key '" + k + "' (" + String.join(", ", EXPECT) + ")");
        }
        boolean settle = verb == Script.Verb.SETTLE;
        if (!settle && (m.containsKey("balanced") || m.containsKey("uploaded"))) {
            throw err(id, "expect." + (m.containsKey("balanced") ? "balanced" : "uploaded") + ": only a settle step has it");
        }
        List<String> rc = new ArrayList<>();
        Object rcNode = m.get("rc");
        if (rcNode instanceof List<?> l) for (Object o : l) rc.add(rc(o, id));
        else if (rcNode != null) rc.add(rc(rcNode, id));
        Map<Integer, String> equals = new LinkedHashMap<>();
        if (m.get("equals") != null) {
            if (!(m.get("equals") instanceof Map<?, ?> eq)) throw err(id, "expect.equals: expected a mapping such as { \"39\": \"00\" }");
            for (Map.Entry<?, ?> e : eq.entrySet()) {
                Integer f = field(e.getKey());
                if (f == null) throw err(id, "expect.equals: '" + e.getKey() + "' is not a field number (1-128)");
                if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) throw err(id, "expect.equals." + f + ": expected a single value");
                if (!(e.getValue() instanceof String)) {
                    throw err(id, "expect.equals." + f + ": write " + e.getValue() + " in quotes (a bare number loses leading zeros)");
                }
                checkRefs((String) e.getValue(), id, "expect.equals." + f);
                equals.put(f, (String) e.getValue());
            }
        }
        Boolean balanced = null;
        if (m.get("balanced") != null) {
            if (!(m.get("balanced") instanceof Boolean b)) throw err(id, "expect.balanced: expected true or false");
            balanced = b;
        }
        Integer uploaded = null;
        if (m.get("uploaded") != null) {
            if (!(m.get("uploaded") instanceof Integer u) || u < 0) throw err(id, "expect.uploaded: expected a count, 0 or more");
            uploaded = u;
        }
        return new Expectation(List.copyOf(rc), fields(m.get("mandatory"), id, "mandatory"), fields(m.get("echoed"), id, "echoed"),
                fields(m.get("absent"), id, "absent"), Map.copyOf(equals), balanced, uploaded);
    }

    private String rc(Object o, String id) {
        if (o instanceof Integer i && i >= 0 && i <= 99) return String.format("%02d", i);
        String s = String.valueOf(o);
        if (s.equals(Expectation.NO_ANSWER) || s.matches("[0-9A-Z]{2}")) return s;
        throw err(id, "expect.rc: '" + o + "' is not a response code such as \"00\" (or none)");
    }

    private List<Integer> fields(Object node, String id, String key) {
        if (node == null) return List.of();
        List<?> l = node instanceof List<?> list ? list : List.of(node);
        List<Integer> out = new ArrayList<>();
        for (Object o : l) {
            Integer f = field(o);
            if (f == null) throw err(id, "expect." + key + ": '" + o + "' is not a field number (1-128)");
            out.add(f);
        }
        return List.copyOf(out);
    }

    private static Integer field(Object o) {
        int f;
        if (o instanceof Integer i) f = i;
        else if (o instanceof String s && s.matches("\\d{1,3}")) f = Integer.parseInt(s);
        else return null;
        return f >= 1 && f <= 128 ? f : null;
    }

    private String text(Object v, String id, String key) {
        if (v == null || v instanceof Map || v instanceof List) throw err(id, key + ": expected a single value");
        return String.valueOf(v);
    }

    private ScriptError err(String id, String message) {
        return new ScriptError(file + ": " + (id.isEmpty() ? "" : "step " + id + ": ") + message);
    }
}
