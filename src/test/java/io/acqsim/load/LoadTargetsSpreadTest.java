package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.message.MessageKind;

/**
 * {@code acqsim load --targets}: one generator's terminals spread round-robin over two real hosts — one in this JVM,
 * one a child process, since a host's Q2 registry is one per JVM — each host's ledger holding its terminals'
 * transactions, together the run's approvals. Slow: a second host's JVM.
 */
@Tag("slow")
class LoadTargetsSpreadTest {
    private static TestHost host;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        System.setProperty("acqsim.home", TestHost.HOME.toString());
        host = TestHost.start(TestHost.tempData());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Set<String> tids(List<TransactionRecord> rows) {
        Set<String> out = new TreeSet<>();
        rows.forEach(t -> out.add(t.tid()));
        return out;
    }

    @Test
    void terminalsAreSpreadOverTwoHostsAndEachLedgerHoldsItsShare() throws Exception {
        Path data = dir.resolve("child");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.acqsim.bench.HostMain",
                "--home", TestHost.HOME.toString(), "--data", data.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            int childPort = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ready ")) {
                    childPort = Integer.parseInt(line.substring(6).trim());
                    break;
                }
            }
            assertTrue(childPort > 0, "the child host started");
            int here = host.port(Profile.ISO87A);
            Path json = dir.resolve("spread.json");
            CliHarness.Run run = CliHarness.execute("load", "--targets", "127.0.0.1:" + here + ",localhost:" + childPort, "--terminals", "4",
                    "--first-terminal", "31", "--tps", "max", "--duration", "1s", "--mix", "purchase=1", "--json", json.toString());
            System.out.println(run.out() + run.err());
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("-> 127.0.0.1:" + here + ",localhost:" + childPort + " (round-robin by terminal)"), run.out());
            JsonNode j = new ObjectMapper().readTree(json.toFile());
            assertEquals(List.of("127.0.0.1:" + here, "localhost:" + childPort), List.of(j.at("/run/targets/0").asText(), j.at("/run/targets/1").asText()));

            assertTrue(run.err().isEmpty(), "every terminal signed on at its host: " + run.err());
            // terminals 0 and 2 of the run (T0000031, T0000033) went to this JVM's host, 1 and 3 to the child
            List<TransactionRecord> mine = host.services().ledger().transactions().stream()
                    .filter(t -> t.tid().compareTo("T0000031") >= 0 && t.tid().compareTo("T0000034") <= 0).toList();
            assertEquals(Set.of("T0000031", "T0000033"), tids(mine));
            long approvedHere = mine.stream().filter(t -> t.kind() == MessageKind.PURCHASE && t.approved()).count();
            assertTrue(approvedHere > 0, "this host approved purchases");
            assertEquals(2, j.at("/run/byTarget/0/terminals").asInt(), j.toString());
            assertEquals(2, j.at("/run/byTarget/1/terminals").asInt(), j.toString());
            assertEquals(approvedHere, j.at("/run/byTarget/0/answered").asLong(), "every answer of this host's share was an approval: " + j);
            assertTrue(run.out().contains("  target          127.0.0.1:" + here + ": 2 terminals, sent "), run.out());

            // SIGTERM through the handle: Process.destroy would close the child's output before its last lines are read;
            // HostMain prints its ledger's counts per status, then stops
            child.toHandle().destroy();
            List<String> rest = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) rest.add(line);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child host stopped");
            String ledger = rest.stream().filter(l -> l.startsWith("ledger ")).findFirst().orElseThrow(() -> new AssertionError(rest.toString()));
            Matcher approved = Pattern.compile("APPROVED=(\\d+)").matcher(ledger);
            assertTrue(approved.find(), ledger);
            long approvedThere = Long.parseLong(approved.group(1));
            assertTrue(approvedThere > 0, "the child host approved purchases: " + ledger);
            assertEquals(j.get("approved").asLong(), approvedHere + approvedThere, "the load's approvals are the two ledgers' together");
            assertEquals(approvedThere, j.at("/run/byTarget/1/answered").asLong(), j.toString());
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
