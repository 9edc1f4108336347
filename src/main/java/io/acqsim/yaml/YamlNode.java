package io.acqsim.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a YAML document with its file, line and key path ({@code faults[0].match.mti}), so every
 * error names all three. Values are the text written ({@link #text()}); {@link #value()} gives YAML's
 * own typing of it for the readers that want it.
 */
public final class YamlNode {
    private final Path file;
    private final String source;
    private final String path;
    private final Node node;
    private final int line;

    /** {@code written}: where the node was written, its key for a mapping's value (a block value starts a line below). */
    YamlNode(Path file, String source, String path, Node node, Node written) {
        this.file = file;
        this.source = source;
        this.path = path;
        this.node = node;
        this.line = written == null || written.getStartMark() == null ? 0 : written.getStartMark().getLine() + 1;
    }

    private YamlNode(YamlNode n, String path) {
        this.file = n.file;
        this.source = n.source;
        this.path = path;
        this.node = n.node;
        this.line = n.line;
    }

    /** The key path from the document's root, empty for the root. */
    public String path() { return path; }

    /** What messages call the document: its path, its file name or e.g. "request body". */
    public String source() { return source; }

    /** The file the document was read from, or null. */
    public Path file() { return file; }

    /**
     * 1-based line of the node: its key's line for a mapping's value, else where it starts; 0 for a
     * value that was not written in the file (set on the command line) and for an empty document.
     */
    public int line() { return line; }

    /** The same node under another key path (e.g. a lone fault given without its list is "fault"). */
    public YamlNode at(String newPath) {
        return new YamlNode(this, newPath);
    }

    public FileError error(String problem) {
        return new FileError(file, source, line(), path, problem, null);
    }

    /** A problem with {@code key} of this mapping: on the key's line when it is written, else on this node's. */
    public FileError error(String key, String problem) {
        YamlNode child = isMapping() ? get(key) : null;
        return child != null ? child.error(problem) : new FileError(file, source, line(), sub(key), problem, null);
    }

    /** An empty document. */
    public boolean isEmpty() { return node == null; }

    public boolean isMapping() { return node instanceof MappingNode; }

    public boolean isSequence() { return node instanceof SequenceNode; }

    /** A single value, null included. */
    public boolean isScalar() { return node instanceof ScalarNode; }

    /** A plain {@code null}, {@code ~} or nothing after the colon. */
    public boolean isNull() { return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL); }

    /** The keys and values in the order written; an empty document is an empty mapping. */
    public Map<String, YamlNode> mapping() {
        if (node == null) return Map.of();
        if (!(node instanceof MappingNode m)) throw error("expected a mapping of keys to values");
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            out.put(key, new YamlNode(file, source, sub(key), t.getValueNode(), t.getKeyNode()));
        }
        return out;
    }

    public List<YamlNode> sequence() {
        if (!(node instanceof SequenceNode s)) throw error("expected a list");
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            Node item = s.getValue().get(i);
            out.add(new YamlNode(file, source, path + "[" + i + "]", item, item));
        }
        return out;
    }

    /** The value as written (quotes removed); a mapping or list here is an error. */
    public String text() {
        if (!(node instanceof ScalarNode s)) throw error("expected a single value");
        return s.getValue();
    }

    /** A single value, or each value of a list of them. */
    public List<String> texts() {
        if (node instanceof SequenceNode) return sequence().stream().map(YamlNode::text).toList();
        return List.of(text());
    }

    /**
     * A single value as YAML 1.1 types it: Integer, Long or BigInteger, Double, Boolean, a
     * {@code java.util.Date} for a bare date, null, else the String written.
     */
    public Object value() {
        if (!(node instanceof ScalarNode)) throw error("expected a single value");
        try {
            return new Values().of(node);
        } catch (YAMLException e) {
            throw error("'" + text() + "' cannot be read as " + node.getTag().getValue());
        }
    }

    /** The value under {@code key} of this mapping, or null when it is not written. */
    public YamlNode get(String key) {
        return mapping().get(key);
    }

    public boolean has(String key) {
        return isMapping() && mapping().containsKey(key);
    }

    /** Refuses any key of this mapping not in {@code allowed}, naming the keys that are. */
    public void onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, YamlNode> e : mapping().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    /** The node as plain Java values: maps, lists and the strings written. */
    public Object plain() {
        if (node instanceof ScalarNode s) return s.getValue();
        if (node instanceof SequenceNode) return sequence().stream().map(YamlNode::plain).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        mapping().forEach((k, v) -> out.put(k, v.plain()));
        return out;
    }

    /**
     * This document with each dotted key ({@code host.ports.cup}, {@code rules[5].latency}) set to the
     * text given, as {@code run --set} does; see {@link Overrides}. Call it on the root just read: it
     * changes that document.
     */
    public YamlNode with(Map<String, String> values) {
        if (values.isEmpty()) return this;
        if (node != null && !(node instanceof MappingNode)) throw error("expected a mapping of keys to values");
        MappingNode root = new Overrides(this).apply((MappingNode) node, values);
        return new YamlNode(file, source, path, root, root);
    }

    Node raw() { return node; }

    String sub(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** SnakeYAML's safe typing of one scalar, without constructing anything else. */
    private static final class Values extends SafeConstructor {
        Values() {
            super(new LoaderOptions());
        }

        Object of(Node scalar) {
            return constructObject(scalar);
        }
    }
}
