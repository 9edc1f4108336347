package io.acqsim.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one YAML reader: every node knows its file, line and key path, and every problem says all three. */
class YamlReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void nestedMapsAndListsInBlockStyleKnowTheirLines() throws IOException {
        Path f = write("block.yml", """
                # a comment first
                host:
                  ports:
                    cup: 8583
                  names:
                    - first
                    - second:
                        x: 1
                """);
        YamlNode root = YamlReader.read(f);
        YamlNode host = root.get("host");
        assertEquals(2, host.line(), "a block mapping is on its key's line, not the line below");
        YamlNode cup = host.get("ports").get("cup");
        assertEquals(4, cup.line());
        assertEquals("host.ports.cup", cup.path());
        assertEquals("8583", cup.text());
        List<YamlNode> names = host.get("names").sequence();
        assertEquals(6, names.get(0).line());
        assertEquals("host.names[0]", names.get(0).path());
        YamlNode x = names.get(1).get("second").get("x");
        assertEquals(8, x.line());
        assertEquals("host.names[1].second.x", x.path());
    }

    @Test
    void flowStyleKnowsItsLinesToo() throws IOException {
        Path f = write("flow.yml", "a: { b: [1,\n  2, { c: d }] }\nlist: [ { id: M1 }, { id: M2 } ]\n");
        YamlNode root = YamlReader.read(f);
        YamlNode c = root.get("a").get("b").sequence().get(2).get("c");
        assertEquals(2, c.line());
        assertEquals("a.b[2].c", c.path());
        assertEquals("d", c.text());
        assertEquals(List.of("1", "2"), root.get("a").get("b").sequence().subList(0, 2).stream().map(YamlNode::text).toList());
        assertEquals(3, root.get("list").sequence().get(1).get("id").line());
    }

    @Test
    void anErrorNamesFileLineAndKeyInOneFormat() throws IOException {
        Path f = write("acqsim.yml", "settlement:\n  retry:\n    max-attempts: x\n");
        YamlNode n = YamlReader.read(f).get("settlement").get("retry").get("max-attempts");
        FileError e = n.error("must be a whole number, not '" + n.text() + "'");
        assertEquals(f + ":3: settlement.retry.max-attempts: must be a whole number, not 'x'", e.getMessage());
        assertEquals(f, e.file());
        assertEquals(3, e.line());
        assertEquals("settlement.retry.max-attempts", e.key());
        assertEquals("must be a whole number, not 'x'", e.problem());
    }

    @Test
    void aMissingKeyIsReportedOnTheLineOfTheMappingThatShouldHoldIt() throws IOException {
        Path f = write("r.yml", "merchants:\n  - id: M1\n  - name: no id\n");
        YamlNode second = YamlReader.read(f).get("merchants").sequence().get(1);
        assertNull(second.get("id"));
        FileError e = second.error("id", "is required");
        assertEquals(f + ":3: merchants[1].id: is required", e.getMessage());
    }

    @Test
    void duplicateKeysAreRefusedAtTheSecondOne() throws IOException {
        Path f = write("dup.yml", "a: 1\nb:\n  c: 1\n  c: 2\n");
        FileError e = assertThrows(FileError.class, () -> YamlReader.read(f));
        assertEquals(4, e.line(), e.getMessage());
        assertEquals("b.c", e.key());
        assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
    }

    @Test
    void aDuplicateKeyInFlowStyleIsRefusedToo() {
        FileError e = assertThrows(FileError.class, () -> YamlReader.parse(null, "body", "faults: [ { type: x, type: y } ]"));
        assertEquals("body:1: faults[0].type: duplicate key: written twice in one mapping", e.getMessage());
        assertNull(e.file());
    }

    @Test
    void wrongTypesSayWhatWasExpectedWhere() throws IOException {
        Path f = write("types.yml", "map:\n  k: v\nlist:\n  - 1\nscalar: s\n");
        YamlNode root = YamlReader.read(f);
        FileError notScalar = assertThrows(FileError.class, () -> root.get("map").text());
        assertEquals(f + ":1: map: expected a single value", notScalar.getMessage());
        FileError notList = assertThrows(FileError.class, () -> root.get("scalar").sequence());
        assertEquals(f + ":5: scalar: expected a list", notList.getMessage());
        FileError notMap = assertThrows(FileError.class, () -> root.get("list").mapping());
        assertEquals(f + ":3: list: expected a mapping of keys to values", notMap.getMessage());
        FileError unknown = assertThrows(FileError.class, () -> root.get("map").onlyKeys(java.util.Set.of("j")));
        assertEquals(f + ":2: map.k: unknown key; allowed here: j", unknown.getMessage());
    }

    @Test
    void valuesAreTheTextWrittenAndYamlsTypingOnlyWhenAsked() throws IOException {
        Path f = write("values.yml", "code: 05\nquoted: \"05\"\ndate: 2026-02-30\nflag: yes\nnothing:\n");
        Map<String, YamlNode> m = YamlReader.read(f).mapping();
        assertEquals("05", m.get("code").text());
        assertEquals(5, m.get("code").value());
        assertEquals("05", m.get("quoted").value());
        assertEquals("2026-02-30", m.get("date").text(), "a bare date is not rolled over");
        assertEquals(Boolean.TRUE, m.get("flag").value());
        assertTrue(m.get("nothing").isNull());
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("nosuch.yml");
        FileError e = assertThrows(FileError.class, () -> YamlReader.read(f));
        assertEquals(f + ": file not found", e.getMessage());
        assertEquals(f, e.file());
        assertEquals(0, e.line());
        assertEquals("", e.key());
    }

    @Test
    void aSyntaxErrorNamesItsLine() throws IOException {
        Path f = write("bad.yml", "a: 1\nb: [2, 3\nc: 4\n");
        FileError e = assertThrows(FileError.class, () -> YamlReader.read(f));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":3: not valid YAML: "), e.getMessage());
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void binaryGarbageIsNotText() throws IOException {
        Path f = write("bin.yml", "a: 1\nb: \u0001\n");
        FileError e = assertThrows(FileError.class, () -> YamlReader.read(f));
        assertEquals(f + ":2: not valid YAML: character U+0001 at offset 8 is not allowed (not a text file?)", e.getMessage());
    }

    @Test
    void anEmptyFileIsAnEmptyDocument() throws IOException {
        for (String text : List.of("", "# only a comment\n", "\n\n")) {
            YamlNode root = YamlReader.read(write("empty.yml", text));
            assertTrue(root.isEmpty(), text);
            assertEquals(Map.of(), root.mapping());
            assertEquals(0, root.line());
            assertNull(root.get("anything"));
            FileError e = root.error("name", "is required");
            assertEquals(dir.resolve("empty.yml") + ": name: is required", e.getMessage());
        }
    }

    @Test
    void overridesSetValuesByDottedKeyWithoutALine() throws IOException {
        Path f = write("o.yml", "host:\n  ports:\n    cup: 8583\nrules:\n  - answer: \"00\"\n  - answer: \"05\"\n");
        YamlNode root = YamlReader.read(f).with(Map.of("host.ports.cup", "9583", "rules[1].answer", "51", "rules(0).latency", "PT1S",
                "ledger.user", "sa"));
        YamlNode cup = root.get("host").get("ports").get("cup");
        assertEquals("9583", cup.text());
        assertEquals(f + ": host.ports.cup: out of range", cup.error("out of range").getMessage(), "a value set here has no line in the file");
        List<YamlNode> rules = root.get("rules").sequence();
        assertEquals("51", rules.get(1).get("answer").text());
        assertEquals("PT1S", rules.get(0).get("latency").text());
        assertEquals("00", rules.get(0).get("answer").text());
        assertEquals(5, rules.get(0).line(), "what was not overridden keeps its line");
        assertEquals("sa", root.get("ledger").get("user").text());
        FileError e = assertThrows(FileError.class, () -> YamlReader.read(f).with(Map.of("rules[7].answer", "00")));
        assertEquals(f + ": rules[7].answer: cannot be set: there is no rules[7]", e.getMessage());
        assertTrue(YamlReader.read(write("none.yml", "")).with(Map.of("a.b", "c")).get("a").get("b").text().equals("c"));
    }
}
