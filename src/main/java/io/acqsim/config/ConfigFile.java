package io.acqsim.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.acqsim.yaml.FileError;
import io.acqsim.yaml.YamlNode;
import io.acqsim.yaml.YamlReader;

/**
 * One YAML file under cfg/ with typed getters by dotted key ({@code host.ports.cup}); every problem
 * is a {@link FileError} naming this file, the line and the full key path ({@code merchants[2].bank}).
 * Values are read as the text written, so {@code 05} stays "05" and a bare date stays the date.
 */
public final class ConfigFile {
    private final YamlNode node;

    private ConfigFile(YamlNode node) {
        this.node = node;
    }

    /** Reads a YAML file; a missing or unparsable file is a {@link FileError} naming it. */
    public static ConfigFile load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Reads a YAML file and then applies {@code overrides} (dotted keys, e.g. {@code host.ports.cup}),
     * as {@code bin/acqsim run --set} and the tests do. An overridden value has no line in errors.
     */
    public static ConfigFile load(Path file, Map<String, String> overrides) {
        YamlNode root = YamlReader.read(file).with(overrides);
        if (!root.isEmpty() && !root.isMapping()) throw root.error("expected a mapping of keys to values");
        return new ConfigFile(root);
    }

    public Path file() { return node.file(); }

    public boolean has(String key) {
        return find(key) != null;
    }

    /**
     * Rejects every key below this node that is not {@code allowed}, so a misspelt key stops the start
     * instead of being silently ignored. An entry is a full dotted key ({@code host.ports.cup}) or a
     * subtree checked elsewhere ({@code merchants.*}, e.g. a list whose items check their own keys).
     */
    public void rejectUnknownKeys(Set<String> allowed) {
        List<String> keys = new ArrayList<>();
        leaves(node, "", keys);
        for (String k : keys) {
            if (!isAllowed(allowed, k)) {
                TreeSet<String> known = new TreeSet<>();
                for (String a : allowed) known.add(a.endsWith(".*") ? a.substring(0, a.length() - 2) : a);
                throw error(k, "unknown key (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** The dotted keys of the values below {@code n}: a list or a single value ends a key. */
    private static void leaves(YamlNode n, String prefix, List<String> out) {
        for (Map.Entry<String, YamlNode> e : n.mapping().entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue().isMapping()) leaves(e.getValue(), key + ".", out);
            else out.add(key);
        }
    }

    private static boolean isAllowed(Set<String> allowed, String key) {
        if (allowed.contains(key)) return true;
        for (String a : allowed) {
            if (a.endsWith(".*")) {
                String base = a.substring(0, a.length() - 2);
                if (key.equals(base) || key.startsWith(base + ".")) return true;
            }
        }
        return false;
    }

    /**
     * A problem with {@code key} (dotted, may end in an index: {@code weekend[1]}): on its line when it
     * is written, else on the line of the nearest mapping that should hold it.
     */
    public FileError error(String key, String problem) {
        List<String> parts = parts(key);
        YamlNode at = node;
        int used = 0;
        for (YamlNode next; used < parts.size() && (next = step(at, parts.get(used))) != null; used++) at = next;
        if (used == parts.size()) return at.error(problem);
        String rest = joined(parts.subList(used, parts.size()));
        String full = at.path().isEmpty() ? rest : at.path() + (rest.startsWith("[") ? "" : ".") + rest;
        return new FileError(at.file(), at.source(), at.line(), full, problem, null);
    }

    /** The node under a dotted key, or null when it is not written. */
    private YamlNode find(String key) {
        YamlNode at = node;
        for (String p : parts(key)) {
            at = step(at, p);
            if (at == null) return null;
        }
        return at;
    }

    /** "weekend[1].x" as "weekend", "[1]", "x". */
    private static List<String> parts(String key) {
        List<String> out = new ArrayList<>();
        for (String dotted : key.split("\\.")) {
            int i = dotted.indexOf('[');
            if (i < 0) {
                out.add(dotted);
                continue;
            }
            if (i > 0) out.add(dotted.substring(0, i));
            for (String index : dotted.substring(i).split("(?=\\[)")) out.add(index);
        }
        return out;
    }

    private static String joined(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) sb.append(sb.isEmpty() || p.startsWith("[") ? "" : ".").append(p);
        return sb.toString();
    }

    private static YamlNode step(YamlNode at, String part) {
        if (part.startsWith("[")) {
            if (!at.isSequence()) return null;
            int i = Integer.parseInt(part.substring(1, part.length() - 1));
            List<YamlNode> items = at.sequence();
            return i < items.size() ? items.get(i) : null;
        }
        return at.isMapping() || at.isEmpty() ? at.get(part) : null;
    }

    public String string(String key, String def) {
        YamlNode v = find(key);
        if (v == null || v.isNull()) return def;
        if (v.isMapping() || v.isSequence()) throw v.error("expected a single value");
        return v.text().trim();
    }

    public String requiredString(String key) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) throw error(key, "is required");
        return v;
    }

    public int integer(String key, int def, int min, int max) {
        return (int) longValue(key, def, min, max);
    }

    public long longValue(String key, long def, long min, long max) {
        String s = string(key, null);
        if (s == null) return def;
        long v;
        try {
            v = Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(key, "'" + s + "' is not a whole number");
        }
        if (v < min || v > max) throw error(key, v + " is out of range [" + min + ", " + max + "]");
        return v;
    }

    public boolean bool(String key, boolean def) {
        String s = string(key, null);
        if (s == null) return def;
        return switch (s.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "'" + s + "' is not true or false");
        };
    }

    /** An ISO-8601 duration such as {@code PT30S}; a plain number is read as milliseconds. */
    public Duration duration(String key, Duration def) {
        String s = string(key, null);
        if (s == null) return def;
        try {
            if (s.matches("\\d+")) return Duration.ofMillis(Long.parseLong(s));
            Duration d = Duration.parse(s);
            if (d.isNegative()) throw error(key, "'" + s + "' is negative");
            return d;
        } catch (DateTimeParseException e) {
            throw error(key, "'" + s + "' is not an ISO-8601 duration such as PT30S");
        }
    }

    /** A list of single values, or one single value as a list of one; empty when not written. */
    public List<String> strings(String key) {
        YamlNode v = find(key);
        if (v == null || v.isNull()) return List.of();
        return v.texts().stream().map(String::trim).toList();
    }

    /** The list of maps under {@code key}, each as a ConfigFile whose errors name {@code key[i].sub}. */
    public List<ConfigFile> children(String key) {
        YamlNode v = find(key);
        if (v == null || v.isNull()) return List.of();
        List<ConfigFile> out = new ArrayList<>();
        for (YamlNode item : v.sequence()) {
            if (!item.isMapping()) throw item.error("expected a mapping of keys to values");
            out.add(new ConfigFile(item));
        }
        return out;
    }

    /** The map under {@code key} as a node, or null when absent. */
    public ConfigFile child(String key) {
        YamlNode v = find(key);
        if (v == null || v.isNull()) return null;
        if (v.isSequence()) throw v.error("expected one map, found a list");
        if (!v.isMapping()) throw v.error("expected a mapping of keys to values");
        return new ConfigFile(v);
    }
}
