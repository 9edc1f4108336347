package io.acqsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.ledger.Durability;
import io.acqsim.host.TestHost;
import io.acqsim.yaml.FileError;

/** {@code cluster.*} (what {@code run --node} sets): off by default, PostgreSQL only, names and durability checked. */
class ClusterSettingsTest {
    private static final Path CFG = TestHost.HOME.resolve("cfg/acqsim.yml");
    private static final String PG = "jdbc:postgresql://db.example:5432/acqsim?user=acq&password=secret";

    @TempDir
    Path data;

    private HostConfig load(Map<String, String> overrides) {
        return HostConfig.load(CFG, data, overrides);
    }

    @Test
    void offByDefault() {
        ClusterSettings c = load(Map.of()).cluster();
        assertFalse(c.enabled());
        assertNull(c.node());
    }

    @Test
    void aNodeOnPostgresqlDefaultsToDatabaseDurability() {
        ClusterSettings c = load(Map.of("ledger.url", PG, "cluster.node", "node-1_a")).cluster();
        assertTrue(c.enabled());
        assertEquals("node-1_a", c.node());
        assertEquals(Durability.DATABASE, load(Map.of("ledger.url", PG, "cluster.node", "n1")).ledgerDurability());
        assertEquals(Durability.JOURNAL, load(Map.of("ledger.url", PG)).ledgerDurability());
    }

    @Test
    void aNodeOnH2IsRefusedNamingTheKeyWithoutTheCredentials() {
        FileError e = assertThrows(FileError.class, () -> load(Map.of("cluster.node", "n1")));
        assertTrue(e.getMessage().contains("cluster.node") && e.getMessage().contains("PostgreSQL") && e.getMessage().contains("jdbc:h2:"),
                e.getMessage());
        FileError other = assertThrows(FileError.class,
                () -> load(Map.of("cluster.node", "n1", "ledger.url", "jdbc:mysql://x/y?user=u&password=secret")));
        assertFalse(other.getMessage().contains("secret"), other.getMessage());
    }

    @Test
    void badNamesAndDurabilityAreRefused() {
        for (String bad : new String[] {"", "has space", "x".repeat(33), "semi;colon", "ünïcode"}) {
            FileError e = assertThrows(FileError.class, () -> load(Map.of("ledger.url", PG, "cluster.node", bad)), bad);
            assertTrue(e.getMessage().contains("cluster.node"), e.getMessage());
        }
        assertEquals(null, ClusterSettings.nameProblem("x".repeat(32)));
        FileError e = assertThrows(FileError.class,
                () -> load(Map.of("ledger.url", PG, "cluster.node", "n1", "ledger.durability", "journal")));
        assertTrue(e.getMessage().contains("ledger.durability") && e.getMessage().contains("cluster mode"), e.getMessage());
    }
}
