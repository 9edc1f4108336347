package io.acqsim.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Values set over a document by dotted key, as {@code run --set KEY=VALUE} does. A key names mapping
 * keys and list items: {@code host.ports.cup}, {@code rules[5].latency} ({@code rules(5).latency},
 * the older spelling, is read the same). Mappings missing on the way are created; a list item must
 * exist. A value set so is text with no line: its errors name the file and the key only.
 */
final class Overrides {
    /** A key and its list indices: "rules[5]", "rules(5)", "weekend". */
    private static final Pattern PART = Pattern.compile("([^\\[(]*)((?:[\\[(]\\d+[\\])])*)");
    private final YamlNode document;

    Overrides(YamlNode document) {
        this.document = document;
    }

    /** {@code root} (null: an empty document) with every value set. */
    MappingNode apply(MappingNode root, Map<String, String> values) {
        MappingNode out = root != null ? root : mapping();
        values.forEach((key, value) -> set(out, key, value));
        return out;
    }

    private void set(MappingNode root, String key, String value) {
        List<Object> parts = parts(key);
        Node at = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            Node next = get(at, parts.get(i));
            if (next == null && at instanceof MappingNode m && parts.get(i) instanceof String name) {
                next = parts.get(i + 1) instanceof String ? mapping() : null;
                if (next != null) put(m, name, next);
            }
            if (next == null) throw cannot(key, "there is no " + describe(parts.subList(0, i + 1)));
            at = next;
        }
        Object last = parts.getLast();
        Node scalar = text(value);
        if (at instanceof MappingNode m && last instanceof String name) {
            put(m, name, scalar);
        } else if (at instanceof SequenceNode s && last instanceof Integer i && i < s.getValue().size()) {
            s.getValue().set(i, scalar);
        } else {
            throw cannot(key, "there is no " + describe(parts));
        }
    }

    /** "rules[5].latency" or "rules(5).latency" as "rules", 5, "latency". */
    private List<Object> parts(String key) {
        List<Object> out = new ArrayList<>();
        for (String part : key.split("\\.")) {
            Matcher m = PART.matcher(part);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) throw cannot(key, "'" + part + "' is not a key");
            if (!m.group(1).isEmpty()) out.add(m.group(1));
            for (String index : m.group(2).split("[\\[\\]()]+")) if (!index.isEmpty()) out.add(Integer.parseInt(index));
        }
        return out;
    }

    private static Node get(Node at, Object part) {
        if (at instanceof MappingNode m && part instanceof String name) {
            for (NodeTuple t : m.getValue()) if (((ScalarNode) t.getKeyNode()).getValue().equals(name)) return t.getValueNode();
        }
        if (at instanceof SequenceNode s && part instanceof Integer i && i < s.getValue().size()) return s.getValue().get(i);
        return null;
    }

    /** Sets {@code key}, replacing its key node too: errors about a value set here must not name the file's line. */
    private static void put(MappingNode m, String key, Node value) {
        List<NodeTuple> tuples = new ArrayList<>();
        NodeTuple set = new NodeTuple(text(key), value);
        boolean replaced = false;
        for (NodeTuple t : m.getValue()) {
            boolean same = ((ScalarNode) t.getKeyNode()).getValue().equals(key);
            tuples.add(same ? set : t);
            replaced |= same;
        }
        if (!replaced) tuples.add(set);
        m.setValue(tuples);
    }

    /** Text with no place in the file. */
    private static ScalarNode text(String s) {
        return new ScalarNode(Tag.STR, s, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    private static MappingNode mapping() {
        return new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
    }

    private static String describe(List<Object> parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) sb.append(p instanceof Integer i ? "[" + i + "]" : (sb.isEmpty() ? "" : ".") + p);
        return sb.toString();
    }

    private FileError cannot(String key, String why) {
        return new FileError(document.file(), document.source(), 0, key, "cannot be set: " + why, null);
    }
}
