package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;

/** {@code acqsim load} refuses what it cannot run with one clear line and exit code 2, before it sends anything. */
class LoadFlagsTest {

    @BeforeAll
    static void home() {
        System.setProperty("acqsim.home", TestHost.HOME.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--tps            | 0                   | must be above 0",
            "--tps            | fast                | neither a rate in requests per second",
            "--tps            | -5                  | must be above 0",
            "--mix            | purchase=70,dance=30 | unknown kind 'dance'",
            "--mix            | purchase=0          | every weight of the mix is 0",
            "--mix            | purchase=-1         | weight of purchase is negative",
            "--mix            | purchase            | 'purchase' is not KIND=WEIGHT",
            "--mix            | void=1,void=2       | void appears twice",
            "--duration       | 0s                  | --duration must be above 0",
            "--duration       | soon                | 'soon' is not a duration",
            "--timeout        | PT-1S               | --timeout must be above 0",
            "--warmup         | PT-1S               | --warmup must not be negative",
            "--warmup         | later               | 'later' is not a duration",
            "--terminals      | 0                   | --terminals must be at least 1",
            "--terminals      | ten                 | Invalid value for option '--terminals'",
            "--first-terminal | 9999999             | do not fit TIDs",
            "--first-terminal | 0                   | --first-terminal must be at least 1",
            "--profile        | x25                 | unknown profile 'x25'",
            "--port           | 70000               | not a TCP port",
            "--bogus          | 1                   | Unknown option"})
    void badFlagIsExit2WithAClearMessage(String flag, String value, String message) {
        java.util.Map<String, String> args = new java.util.LinkedHashMap<>(java.util.Map.of("--port", "1", "--terminals", "2", "--duration", "1s"));
        args.put(flag, value);
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("load"));
        args.forEach((k, v) -> argv.addAll(java.util.List.of(k, v)));
        CliHarness.Run r = CliHarness.execute(argv.toArray(String[]::new));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertTrue(r.out().isEmpty(), "nothing was sent: " + r.out());
    }

    @Test
    void unreachableHostIsExit2NamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliHarness.Run r = CliHarness.execute("load", "--port", String.valueOf(port), "--terminals", "3", "--duration", "1s");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("cannot connect to 127.0.0.1:" + port), r.err());
    }

    @Test
    void helpNamesEveryOption() {
        CliHarness.Run r = CliHarness.execute("load", "--help");
        assertEquals(0, r.exit());
        for (String o : new String[] {"--host", "--port", "--profile", "--terminals", "--tps", "--duration", "--mix", "--first-terminal",
                "--timeout", "--json", "--warmup", "--targets", "merge"}) {
            assertTrue(r.out().contains(o), o + " in " + r.out());
        }
    }
}
