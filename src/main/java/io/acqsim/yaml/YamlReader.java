package io.acqsim.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a YAML document into {@link YamlNode}s that know their file, line and key path. The document
 * is composed, not constructed: values stay the text that was written until a reader asks for a type.
 * A file that is missing, unreadable, not YAML, or has a key twice in one mapping is a
 * {@link FileError}; a syntax error names the line it was found on.
 */
public final class YamlReader {
    private YamlReader() {
    }

    /** Reads {@code file}; messages name it as the path was given. */
    public static YamlNode read(Path file) {
        return read(file, String.valueOf(file));
    }

    /** Reads {@code file}; messages call it {@code source} (e.g. just the file's name). */
    public static YamlNode read(Path file, String source) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new FileError(file, source, 0, "", "file not found", null);
        } catch (CharacterCodingException e) {
            throw new FileError(file, source, 0, "", "not valid YAML: not UTF-8 text (not a text file?)", e);
        } catch (IOException e) {
            throw new FileError(file, source, 0, "", Files.isDirectory(file) ? "is a directory, not a file" : "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(file, source, text);
    }

    /**
     * Reads {@code text}, which came from {@code file} (null if it came from elsewhere) and is called
     * {@code source} in messages. An empty document is an empty node ({@link YamlNode#isEmpty()}).
     */
    public static YamlNode parse(Path file, String source, String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String detail = m == null ? "" : " (column " + (m.getColumn() + 1)
                    + (e.getProblem() != null && e.getContext() != null ? ", " + e.getContext() : "") + ")";
            throw new FileError(file, source, m == null ? 0 : m.getLine() + 1, "", "not valid YAML: " + problem + detail, e);
        } catch (ReaderException e) {
            throw new FileError(file, source, lineAt(text, e.getPosition()), "",
                    String.format("not valid YAML: character U+%04X at offset %d is not allowed (not a text file?)", e.getCodePoint(), e.getPosition()), e);
        } catch (YAMLException e) {
            throw new FileError(file, source, 0, "", "not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        YamlNode node = new YamlNode(file, source, "", root, root);
        if (root != null) checkKeys(node, new HashSet<>());
        return node;
    }

    /** Every key of every mapping is plain text and written once; {@code seen} stops at aliases already checked. */
    private static void checkKeys(YamlNode n, Set<Node> seen) {
        if (!seen.add(n.raw())) return;
        if (n.isSequence()) {
            for (YamlNode item : n.sequence()) checkKeys(item, seen);
        } else if (n.raw() instanceof MappingNode m) {
            Set<String> keys = new HashSet<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new YamlNode(n.file(), n.source(), n.path(), t.getKeyNode(), t.getKeyNode()).error("a key must be plain text");
                }
                if (!keys.add(k.getValue())) {
                    throw new YamlNode(n.file(), n.source(), n.sub(k.getValue()), k, k).error("duplicate key: written twice in one mapping");
                }
            }
            for (YamlNode child : n.mapping().values()) checkKeys(child, seen);
        }
    }

    /** The 1-based line of a code-point offset into {@code text}. */
    private static int lineAt(String text, int codePointOffset) {
        int line = 1;
        int i = 0;
        for (int cp = 0; cp < codePointOffset && i < text.length(); cp++) {
            if (text.charAt(i) == '\n') line++;
            i += Character.charCount(text.codePointAt(i));
        }
        return line;
    }
}
