package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/**
 * {@code acqsim load --targets}: a target that refuses connections is named with its terminals; a malformed list is
 * refused before anything is sent; terminals go round-robin. {@link LoadTargetsSpreadTest} spreads a run over two hosts.
 */
class LoadTargetsTest {
    private static TestHost host;

    @BeforeAll
    static void start() {
        System.setProperty("acqsim.home", TestHost.HOME.toString());
        host = TestHost.start(TestHost.tempData());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aTargetThatRefusesIsNamedWithItsTerminals() throws Exception {
        int here = host.port(Profile.ISO87A), dead = freePort();
        CliHarness.Run run = CliHarness.execute("load", "--targets", "127.0.0.1:" + here + ",127.0.0.1:" + dead, "--terminals", "4",
                "--first-terminal", "51", "--duration", "1s");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("2 of 4 terminals could not sign on"), run.err());
        assertTrue(run.err().contains("127.0.0.1:" + here + " all 2 signed on"), run.err());
        assertTrue(run.err().contains("127.0.0.1:" + dead + " 2 of 2 failed (first: ") && run.err().contains("cannot connect to 127.0.0.1:" + dead),
                run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "127.0.0.1                       | has no port",
            "127.0.0.1:                      | port '' is not a number",
            "127.0.0.1:http                  | port 'http' is not a number",
            "127.0.0.1:70000                 | port 70000 is not a TCP port",
            ":8584                           | has no host",
            "\"127.0.0.1:8584,,10.0.0.2:8584\" | an empty entry",
            "\"127.0.0.1:8584,127.0.0.1:8584\" | appears twice",
            "::1:8584                        | write an IPv6 address in brackets",
            "[::1]8584                       | is not [IPv6]:PORT",
            "\"127.0.0.1:1,127.0.0.1:2,127.0.0.1:3\" | names 3 hosts but --terminals is 2"})
    void malformedTargetsAreExit2WithAClearMessage(String targets, String message) {
        CliHarness.Run r = CliHarness.execute("load", "--targets", targets, "--terminals", "2", "--duration", "1s");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertTrue(r.out().isEmpty(), "nothing was sent: " + r.out());
    }

    @Test
    void targetsWithHostOrPortIsAnError() {
        CliHarness.Run r = CliHarness.execute("load", "--targets", "127.0.0.1:1", "--port", "2", "--terminals", "1", "--duration", "1s");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("give --targets or --host/--port, not both"), r.err());
    }

    @Test
    void targetsAreRoundRobinByTerminal() {
        LoadRun.Options o = new LoadRun.Options("127.0.0.1", 1, Profile.ISO87A, TestHost.PACKAGERS, 5, 10, Rate.MAX,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), Mix.parse("purchase=1"), 1)
                .withTargets(Target.parseList("a:1,[::1]:2"));
        assertEquals(List.of("a:1", "[::1]:2", "a:1", "[::1]:2", "a:1"), java.util.stream.IntStream.range(0, 5).mapToObj(i -> o.target(i).toString()).toList());
        assertEquals("a", o.host());
        assertEquals(1, o.port());
    }
}
