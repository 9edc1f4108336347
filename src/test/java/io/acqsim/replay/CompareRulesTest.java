package io.acqsim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareRulesTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        CompareRules r = CompareRules.defaults(false);
        assertEquals(FieldRule.ECHO, r.rule("11"));
        assertEquals(FieldRule.IGNORE, r.rule("15"));
        assertEquals(FieldRule.PRESENT, r.rule("37"));
        assertEquals(FieldRule.PRESENT, r.rule("64"));
        assertEquals(FieldRule.EQUAL, r.rule("39"));
        assertEquals(FieldRule.EQUAL, r.rule("0"));
        assertEquals(FieldRule.EQUAL, CompareRules.defaults(true).rule("15"), "on the recorded clock the business date must match");
    }

    @Test
    void ignoreListAndRulesFile() throws Exception {
        Path f = dir.resolve("rules.yml");
        Files.writeString(f, "# mine\n39: present\n\"044\": absent\nheader: ignore\n127.2: echo\n");
        CompareRules r = CompareRules.defaults(false).ignore("60, 61").read(f);
        assertEquals(FieldRule.IGNORE, r.rule("60"));
        assertEquals(FieldRule.IGNORE, r.rule("61"));
        assertEquals(FieldRule.PRESENT, r.rule("39"));
        assertEquals(FieldRule.ABSENT, r.rule("44"));
        assertEquals(FieldRule.IGNORE, r.rule("header"));
        assertEquals(FieldRule.ECHO, r.rule("127.2"));
    }

    @Test
    void badRulesNameFileAndKey() throws Exception {
        Path f = dir.resolve("bad.yml");
        Files.writeString(f, "39: sometimes\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CompareRules.defaults(false).read(f));
        assertTrue(e.getMessage().contains("bad.yml: 39: unknown rule 'sometimes'"), e.getMessage());

        Files.writeString(f, "pan: equal\n");
        e = assertThrows(IllegalArgumentException.class, () -> CompareRules.defaults(false).read(f));
        assertTrue(e.getMessage().contains("'pan' is not a field number"), e.getMessage());

        Files.writeString(f, "39: [unclosed\n");
        e = assertThrows(IllegalArgumentException.class, () -> CompareRules.defaults(false).read(f));
        assertTrue(e.getMessage().contains("bad.yml:"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> CompareRules.defaults(false).ignore("7,x"));
        assertTrue(e.getMessage().contains("--ignore"), e.getMessage());
    }
}
