package io.acqsim.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.acqsim.yaml.YamlNode;

/** Reads one step's {@code expect} mapping into an {@link Expectation}; problems are the parser's, naming the step. */
final class ExpectationReader {
    private static final List<String> KEYS = List.of("rc", "mandatory", "echoed", "absent", "equals", "balanced", "uploaded");

    private final ScriptParser parser;
    private final String id;

    ExpectationReader(ScriptParser parser, String id) {
        this.parser = parser;
        this.id = id;
    }

    /** {@code settle}: whether the step is a settlement, the only one that may expect balanced and uploaded. */
    Expectation read(YamlNode node, boolean settle) {
        if (!node.isMapping()) throw parser.err(node, id, "expect: expected a mapping such as { rc: \"00\" }");
        Map<String, YamlNode> m = node.mapping();
        m.forEach((k, v) -> {
            if (!KEYS.contains(k)) throw parser.err(v, id, "expect: unknown key '" + k + "' (" + String.join(", ", KEYS) + ")");
        });
        for (String only : List.of("balanced", "uploaded")) {
            if (!settle && m.containsKey(only)) throw parser.err(m.get(only), id, "expect." + only + ": only a settle step has it");
        }
        List<String> rc = new ArrayList<>();
        YamlNode rcNode = ScriptParser.given(m, "rc");
        if (rcNode != null) for (YamlNode o : rcNode.isSequence() ? rcNode.sequence() : List.of(rcNode)) rc.add(rc(o));
        Map<Integer, String> equals = equals(m);
        Boolean balanced = null;
        YamlNode b = ScriptParser.given(m, "balanced");
        if (b != null) {
            if (!(ScriptParser.typed(b) instanceof Boolean v)) throw parser.err(b, id, "expect.balanced: expected true or false");
            balanced = v;
        }
        Integer uploaded = null;
        YamlNode u = ScriptParser.given(m, "uploaded");
        if (u != null) {
            if (!(ScriptParser.typed(u) instanceof Integer v) || v < 0) throw parser.err(u, id, "expect.uploaded: expected a count, 0 or more");
            uploaded = v;
        }
        return new Expectation(List.copyOf(rc), fields(m, "mandatory"), fields(m, "echoed"), fields(m, "absent"), equals, balanced, uploaded);
    }

    private Map<Integer, String> equals(Map<String, YamlNode> m) {
        YamlNode eq = ScriptParser.given(m, "equals");
        Map<Integer, String> out = new LinkedHashMap<>();
        if (eq == null) return Map.copyOf(out);
        if (!eq.isMapping()) throw parser.err(eq, id, "expect.equals: expected a mapping such as { \"39\": \"00\" }");
        for (Map.Entry<String, YamlNode> e : eq.mapping().entrySet()) {
            Integer f = field(e.getKey());
            YamlNode v = e.getValue();
            if (f == null) throw parser.err(v, id, "expect.equals: '" + e.getKey() + "' is not a field number (1-128)");
            if (v.isNull() || !v.isScalar()) throw parser.err(v, id, "expect.equals." + f + ": expected a single value");
            if (!(v.value() instanceof String s)) {
                throw parser.err(v, id, "expect.equals." + f + ": write " + v.value() + " in quotes (a bare number loses leading zeros)");
            }
            parser.checkRefs(s, v, id, "expect.equals." + f);
            out.put(f, s);
        }
        return Map.copyOf(out);
    }

    private String rc(YamlNode node) {
        Object o = ScriptParser.typed(node);
        if (o instanceof Integer i && i >= 0 && i <= 99) return String.format("%02d", i);
        String s = String.valueOf(o);
        if (s.equals(Expectation.NO_ANSWER) || s.matches("[0-9A-Z]{2}")) return s;
        throw parser.err(node, id, "expect.rc: '" + o + "' is not a response code such as \"00\" (or none)");
    }

    private List<Integer> fields(Map<String, YamlNode> m, String key) {
        YamlNode node = ScriptParser.given(m, key);
        if (node == null) return List.of();
        List<Integer> out = new ArrayList<>();
        for (YamlNode item : node.isSequence() ? node.sequence() : List.of(node)) {
            Object o = ScriptParser.typed(item);
            Integer f = o instanceof Integer i ? field(String.valueOf(i)) : o instanceof String s ? field(s) : null;
            if (f == null) throw parser.err(item, id, "expect." + key + ": '" + o + "' is not a field number (1-128)");
            out.add(f);
        }
        return List.copyOf(out);
    }

    /** A field number 1-128 written as digits, or null. */
    static Integer field(String s) {
        if (!s.matches("\\d{1,3}")) return null;
        int f = Integer.parseInt(s);
        return f >= 1 && f <= 128 ? f : null;
    }
}
