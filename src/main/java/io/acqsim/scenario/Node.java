package io.acqsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its key path and line, so every error names both. Values are read as the text
 * written (SnakeYAML's composed nodes, before any type guessing), so dates stay what was written.
 */
final class Node {
    private final String source;
    private final String path;
    private final org.yaml.snakeyaml.nodes.Node node;

    Node(String source, String path, org.yaml.snakeyaml.nodes.Node node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    String path() { return path; }

    String source() { return source; }

    /** The same node under another key path (a lone fault entry is reported as "fault"). */
    Node at(String newPath) {
        return new Node(source, newPath, node);
    }

    int line() { return node.getStartMark().getLine() + 1; }

    ScenarioError error(String problem) {
        return new ScenarioError(source, line(), path, problem);
    }

    ScenarioError error(String key, String problem) {
        Node child = get(key);
        return child != null ? child.error(problem) : new ScenarioError(source, line(), sub(key), problem);
    }

    boolean isMapping() { return node instanceof MappingNode; }

    Map<String, Node> mapping() {
        if (!(node instanceof MappingNode m)) throw error("expected a mapping of keys to values");
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw new Node(source, path, t.getKeyNode()).error("a key must be plain text");
            if (out.put(k.getValue(), new Node(source, sub(k.getValue()), t.getValueNode())) != null) {
                throw new Node(source, sub(k.getValue()), t.getKeyNode()).error("duplicate key");
            }
        }
        return out;
    }

    List<Node> sequence() {
        if (!(node instanceof SequenceNode s)) throw error("expected a list");
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) out.add(new Node(source, path + "[" + i + "]", s.getValue().get(i)));
        return out;
    }

    String text() {
        if (!(node instanceof ScalarNode s)) throw error("expected a single value");
        return s.getValue();
    }

    /** A scalar, or each element of a list of scalars. */
    List<String> texts() {
        if (node instanceof SequenceNode) return sequence().stream().map(Node::text).toList();
        return List.of(text());
    }

    Node get(String key) {
        return mapping().get(key);
    }

    void onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, Node> e : mapping().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** The node as plain Java values (maps, lists, strings), for listing a fault as it was given. */
    Object plain() {
        if (node instanceof ScalarNode s) return s.getValue();
        if (node instanceof SequenceNode) return sequence().stream().map(Node::plain).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        mapping().forEach((k, v) -> out.put(k, v.plain()));
        return out;
    }

    private String sub(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
