package io.acqsim.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.SharedHostTest;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.yaml.FileError;

/** {@code acqsim terminal --script}: the shipped scripts against a real host, failing expectations, malformed scripts. */
class ScriptTest extends SharedHostTest {
    private static final Path SIMULATORS = TestHost.HOME.resolve("simulators");

    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs {@code acqsim terminal --script FILE} as terminal {@code n} (its own merchant) on {@code p}. */
    private Run script(Profile p, int n, Path file, String... extra) {
        String tid = String.format("T%07d", n);
        String mid = String.format("M%014d", (n - 1) % 10 + 1);
        List<String> args = new ArrayList<>(List.of("terminal", "--profile", p.id(), "--port", String.valueOf(host.port(p)), "--tid", tid,
                "--mid", mid, "--data", data.toString(), "--timeout", "PT10S", "--script", file.toString()));
        args.addAll(List.of(extra));
        CliHarness.Run r = CliHarness.execute(args.toArray(String[]::new));
        return new Run(r.exit(), r.out(), r.err());
    }

    private Path write(String name, String yaml) throws Exception {
        Path f = data.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    static Stream<Arguments> shipped() {
        String[] scripts = {"merchant-day.yml", "qr-day.yml", "reversal-storm.yml", "unbalanced-settlement.yml"};
        List<Arguments> out = new ArrayList<>();
        int tid = 101;
        for (Profile p : Profile.values()) for (String s : scripts) out.add(Arguments.of(s, p, tid++));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("shipped")
    void shippedScriptPasses(String script, Profile p, int tid) throws Exception {
        Run r = script(p, tid, SIMULATORS.resolve(script));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("PASSED"), r.out());
        assertFalse(r.out().contains("FAILED"), r.out());
        if (script.startsWith("unbalanced")) {
            assertTrue(r.out().contains("39=95"), "the first 0510 is 95: " + r.out());
            assertTrue(r.out().contains("batch upload"), r.out());
        }
    }

    private static final String FAILING = """
            name: failing
            steps:
              - signon: {}
              - purchase: { amount: "12.34" }
                expect: { rc: "05", absent: [38] }
              - purchase: { amount: "2.00" }
                expect: { rc: "00" }
              - purchase: { amount: "3.00" }
                expect: { rc: "00", mandatory: [38], equals: { "4": "000000000999" } }
              - echo: {}
            """;

    @Test
    void anUnmetExpectationFailsWithExit1AndStopsThere() throws Exception {
        Run r = script(Profile.ISO87A, 201, write("failing.yml", FAILING));
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("FAILED  rc: expected 05, got 00"), r.out());
        assertTrue(r.out().contains("FAILED  absent: field 38 is in the response"), r.out());
        assertTrue(r.out().contains("failing: FAILED  2 steps run, 1 passed, 1 failed (step 2)"), r.out());
        assertTrue(r.out().contains("--keep-going"), r.out());
        assertFalse(r.out().contains("step 3"), "stops at the first failure: " + r.out());
    }

    @Test
    void keepGoingRunsEveryStepAndReportsAllFailures() throws Exception {
        Run r = script(Profile.CUP, 202, write("failing.yml", FAILING), "--keep-going");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("FAILED  rc: expected 05, got 00"), r.out());
        assertTrue(r.out().contains("FAILED  equals: field 4 is 000000000300, expected 000000000999"), r.out());
        assertTrue(r.out().contains("step 5"), r.out());
        assertTrue(r.out().contains("failing: FAILED  5 steps run, 3 passed, 2 failed (step 2, 4)"), r.out());
    }

    @Test
    void aStepThatCannotRunFailsAndNamesTheVariable() throws Exception {
        Run r = script(Profile.ISO87A, 203, write("unset.yml", """
                steps:
                  - signon: {}
                  - purchase: { amount: "1.51" }
                    expect: { rc: "00" }
                    save: { rrn: sale }
                  - void: { rrn: "${nosuch}" }
                  - repeat: 2
                    steps:
                      - reverse: { stan: "000999" }
                """), "--keep-going");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("FAILED  rc: expected 00, got 51"), r.out());
        assertTrue(r.out().contains("${nosuch} is not set"), r.out());
        assertTrue(r.out().contains("no transaction with STAN 000999"), r.out());
        assertTrue(r.out().contains("(step 2, 3, 4.1 (repeat 1/2), 4.1 (repeat 2/2))"), r.out());
    }

    @Test
    void theScriptNamesItsTerminalAndTheFlagsOverrideIt() throws Exception {
        Path f = write("own.yml", """
                profile: cup
                terminal: { tid: T0000301, mid: M00000000000001 }
                steps:
                  - signon
                  - echo
                """);
        Run r = script(Profile.ISO87A, 302, f);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("terminal T0000302  merchant M00000000000002  profile iso87a"), r.out());
    }

    @Test
    void malformedScriptsExit2NamingFileStepAndKey() throws Exception {
        Path f = write("dance.yml", """
                steps:
                  - signon: {}
                  - dance: { amount: "1.00" }
                """);
        Run r = script(Profile.ISO87A, 401, f);
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(f + ":3: step 2: unknown action 'dance'"), r.err());
        assertEquals("", r.out(), "nothing was sent");

        f = write("bad.yml", "steps:\n  - signon: {}\n  - purchase: { amount: \"1.00\"\n");
        r = script(Profile.ISO87A, 401, f);
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(f + ":4: not valid YAML"), r.err());

        f = write("noamount.yml", """
                steps:
                  - signon: {}
                  - repeat: 3
                    steps:
                      - echo: {}
                      - purchase: { entry-mode: "051" }
                """);
        r = script(Profile.ISO87A, 401, f);
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(f + ":6: step 2.2: purchase: missing 'amount'"), r.err());

        r = script(Profile.ISO87A, 401, data.resolve("missing.yml"));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("missing.yml: file not found"), r.err());
    }

    private static FileError parseError(String yaml) {
        return assertThrows(FileError.class, () -> ScriptParser.parse(Path.of("t.yml"), new StringReader(yaml)));
    }

    @Test
    void parserErrorsNameStepAndKey() {
        assertEquals("t.yml:1: step 1: purchase: unknown key 'amout' (purchase takes amount, chip, entry-mode, expiry, pan, qr)",
                parseError("steps: [ { purchase: { amout: '1.00' } } ]").getMessage());
        assertEquals("t.yml:1: step 1: purchase.amount: amount 1.001 has more than two decimals",
                parseError("steps: [ { purchase: { amount: '1.001' } } ]").getMessage());
        assertEquals("t.yml:1: step 2: expect: unknown key 'code' (rc, mandatory, echoed, absent, equals, balanced, uploaded)",
                parseError("steps: [ signon, { echo: {}, expect: { code: '00' } } ]").getMessage());
        assertEquals("t.yml:1: step 1: expect.balanced: only a settle step has it",
                parseError("steps: [ { echo: {}, expect: { balanced: true } } ]").getMessage());
        assertEquals("t.yml:1: step 1: void.rrn: write 1 in quotes (a bare number loses leading zeros), e.g. rrn: \"1\"",
                parseError("steps: [ { void: { rrn: 000000000001 } } ]").getMessage());
        assertEquals("t.yml:1: step 1: two actions, 'signon' and 'echo', in one step; give each its own step",
                parseError("steps: [ { signon: {}, echo: {} } ]").getMessage());
        assertEquals("t.yml:1: step 1: expect.mandatory: '200' is not a field number (1-128)",
                parseError("steps: [ { signon: {}, expect: { mandatory: [200] } } ]").getMessage());
        assertEquals("t.yml:1: step 1: repeat: expected a count of at least 1, got '0'",
                parseError("steps: [ { repeat: 0, steps: [ echo ] } ]").getMessage());
        assertEquals("t.yml:1: unknown key 'stpes' (a script has name, description, profile, terminal, timeout, steps)",
                parseError("stpes: [ echo ]").getMessage());
        assertTrue(parseError("steps: [ { reverse: { stan: 'first' } } ]").getMessage().contains("step 1: reverse.stan: 'first' is neither"));
    }

    @Test
    void everyShippedScriptParses() throws Exception {
        try (var files = Files.list(SIMULATORS)) {
            List<Path> ymls = files.filter(f -> f.toString().endsWith(".yml")).toList();
            assertTrue(ymls.size() >= 4, ymls.toString());
            for (Path f : ymls) assertFalse(ScriptParser.parse(f).steps().isEmpty(), f.toString());
        }
    }
}
