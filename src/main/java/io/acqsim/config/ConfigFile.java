package io.acqsim.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * One YAML file under cfg/, read through Apache Commons Configuration, with typed getters that
 * fail with a {@link ConfigError} naming this file and the offending key. A node obtained with
 * {@link #children(String)} keeps the full key path (e.g. {@code merchants(2).bank}) for its errors.
 */
public final class ConfigFile {
    private final Path file;
    private final HierarchicalConfiguration<ImmutableNode> node;
    private final String prefix;

    private ConfigFile(Path file, HierarchicalConfiguration<ImmutableNode> node, String prefix) {
        this.file = file;
        this.node = node;
        this.prefix = prefix;
    }

    /** Reads a YAML file; a missing or unparsable file is a {@link ConfigError} naming it. */
    public static ConfigFile load(Path file) {
        return load(file, java.util.Map.of());
    }

    /**
     * Reads a YAML file and then applies {@code overrides} (dotted keys, e.g. {@code host.ports.cup}),
     * as {@code bin/acqsim run --set} and the tests do.
     */
    public static ConfigFile load(Path file, java.util.Map<String, String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file, "", "file not found");
        }
        YAMLConfiguration yaml = new YAMLConfiguration();
        try {
            new FileHandler(yaml).load(file.toFile());
        } catch (ConfigurationException | RuntimeException e) {
            throw new ConfigError(file, "", "not valid YAML: " + yamlProblem(e), e);
        }
        overrides.forEach(yaml::setProperty);
        return new ConfigFile(file, yaml, "");
    }

    /** Where and what: "line 3, column 12: found unexpected end of stream (while scanning a quoted scalar)". */
    private static String yamlProblem(Exception e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                String where = "line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1);
                String what = m.getProblem() == null ? "" : m.getProblem();
                return where + ": " + what + (m.getContext() == null ? "" : " (" + m.getContext() + ")");
            }
            if (t instanceof org.yaml.snakeyaml.reader.ReaderException r) {
                return String.format("character U+%04X at offset %d is not allowed (not a text file?)", r.getCodePoint(), r.getPosition());
            }
            root = t;
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse("");
    }

    public Path file() { return file; }

    public boolean has(String key) {
        return node.containsKey(key) || !node.configurationsAt(key).isEmpty();
    }

    /**
     * Rejects every key below this node that is not {@code allowed}, so a misspelt key stops the start
     * instead of being silently ignored. An entry is a full dotted key ({@code host.ports.cup}) or a
     * subtree checked elsewhere ({@code merchants.*}, e.g. a list whose items check their own keys).
     */
    public void rejectUnknownKeys(Set<String> allowed) {
        node.getKeys().forEachRemaining(k -> {
            if (!isAllowed(allowed, k)) {
                java.util.TreeSet<String> known = new java.util.TreeSet<>();
                for (String a : allowed) known.add(a.endsWith(".*") ? a.substring(0, a.length() - 2) : a);
                throw error(k, "unknown key (known: " + String.join(", ", known) + ")");
            }
        });
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

    public ConfigError error(String key, String problem) {
        return new ConfigError(file, prefix + key, problem);
    }

    public String string(String key, String def) {
        Object v = node.getProperty(key);
        if (v == null) return def;
        if (v instanceof List<?> || v instanceof java.util.Map<?, ?>) throw error(key, "expected a single value");
        return String.valueOf(v).trim();
    }

    public String requiredString(String key) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) throw error(key, "is required");
        return v;
    }

    public int integer(String key, int def, int min, int max) {
        long v = longValue(key, def, min, max);
        return (int) v;
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

    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : node.getList(key)) out.add(String.valueOf(o).trim());
        return out;
    }

    /** The list of maps under {@code key}, each as a ConfigFile whose errors name {@code key[i].sub}. */
    public List<ConfigFile> children(String key) {
        List<HierarchicalConfiguration<ImmutableNode>> subs = node.configurationsAt(key);
        List<ConfigFile> out = new ArrayList<>(subs.size());
        for (int i = 0; i < subs.size(); i++) {
            String p = prefix + key + (subs.size() > 1 || node.getList(key).size() > 1 ? "[" + i + "]" : "[0]") + ".";
            out.add(new ConfigFile(file, subs.get(i), p));
        }
        return out;
    }

    /** The map under {@code key} as a node, or null when absent. */
    public ConfigFile child(String key) {
        List<HierarchicalConfiguration<ImmutableNode>> subs = node.configurationsAt(key);
        if (subs.isEmpty()) return null;
        if (subs.size() > 1) throw error(key, "expected one map, found a list");
        return new ConfigFile(file, subs.get(0), prefix + key + ".");
    }
}
