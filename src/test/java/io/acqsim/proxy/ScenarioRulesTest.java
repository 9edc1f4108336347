package io.acqsim.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.DropResponse;
import io.acqsim.fault.NetworkRule;
import io.acqsim.scenario.ScenarioError;

/** `proxy --scenario FILE`: the terminal-link faults of a scenario become proxy rules; the rest is reported. */
class ScenarioRulesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Path HOME = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void terminalLinkFaultsBecomeRulesAndTheOthersAreListedAsIgnored() throws Exception {
        Path file = HOME.resolve("simulators/scenarios/network-fault.yml");
        FaultRegistry registry = new FaultRegistry(1);
        List<String> ignored = ScenarioRules.load(registry, file, SHANGHAI, true);
        assertEquals(1, registry.rules().size());
        NetworkRule rule = registry.rules().getFirst();
        assertInstanceOf(DropResponse.class, rule.action());
        assertEquals(List.of("0200"), rule.match().mti());
        assertEquals(0.2, rule.match().probability());
        assertEquals("network-instability", registry.list().getFirst().scenario());
        assertEquals(1, ignored.size(), ignored.toString());
        assertTrue(ignored.getFirst().matches("network-fault.yml:\\d+: network \\(link bank\\) acts inside a host.*"), ignored.getFirst());
    }

    @Test
    void selectingMessagesWithoutAProfileIsRefusedAndABadFileNamesItsLine() throws Exception {
        Path file = HOME.resolve("simulators/scenarios/network-fault.yml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioRules.load(new FaultRegistry(1), file, SHANGHAI, false));
        assertTrue(e.getMessage().contains("needs --profile"), e.getMessage());

        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "name: x\nfaults:\n  - type: network\n    link: terminal\n    action: teleport\n");
        ScenarioError err = assertThrows(ScenarioError.class, () -> ScenarioRules.load(new FaultRegistry(1), bad, SHANGHAI, true));
        assertTrue(err.getMessage().startsWith("bad.yml:5: faults[0].action"), err.getMessage());

        Path byteLevel = dir.resolve("bytes.yml");
        Files.writeString(byteLevel, "name: y\nfaults:\n  - { type: network, link: terminal, action: latency, latency: PT1S }\n");
        FaultRegistry registry = new FaultRegistry(1);
        assertEquals(List.of(), ScenarioRules.load(registry, byteLevel, SHANGHAI, false));
        assertEquals(1, registry.rules().size(), "a fault with no selector works in byte mode");
    }
}
