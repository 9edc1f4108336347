package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.AdminClient;
import io.acqsim.admin.AdminToken;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;

/**
 * One host (H2, no {@code cluster.node}): {@code GET /api/cluster} says plainly that it is not a cluster,
 * {@code cluster status} prints so, and the routes a cluster forwards or fans out answer as they always did.
 */
class OneHostClusterApiTest {
    static TestHost host;
    static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        host = TestHost.startManual(TestHost.tempData(), Instant.parse("2026-10-09T01:00:00Z"));
        admin = new AdminClient(java.net.URI.create("http://127.0.0.1:" + host.adminPort()),
                Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip());
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    @Test
    void theClusterRouteSaysThisHostRunsAlone() {
        JsonNode c = admin.get("/api/cluster");
        assertFalse(c.path("cluster").asBoolean(), c.toString());
        assertTrue(c.path("node").isNull(), c.toString());
        assertTrue(c.path("leader").isNull(), c.toString());
        assertEquals(0, c.path("nodes").size());
        assertTrue(c.path("detail").asText().contains("--node"), c.toString());

        CliHarness.Run run = CliHarness.execute("cluster", "status", "--admin", "http://127.0.0.1:" + host.adminPort(),
                "--data", host.dataDir().toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("not in cluster mode: this host runs alone"), run.out());
    }

    @Test
    void switchesAndClockMovesAnswerAsBeforeWithoutASummary() {
        JsonNode added = admin.post("/api/faults", "type: host-maintenance\nanswer: \"96\"\nfrom: 2026-10-09T10:00:00+08:00\nto: 2026-10-09T11:00:00+08:00\n",
                "application/yaml");
        assertTrue(added.isArray(), added.toString());
        JsonNode removed = admin.delete("/api/faults");
        assertEquals(1, removed.path("removed").asInt(), removed.toString());
        assertTrue(removed.path("nodes").isMissingNode(), removed.toString());
        JsonNode moved = admin.post("/api/clock/advance", Map.of("by", "PT1M"));
        assertEquals(Instant.parse("2026-10-09T01:01:00Z"), Instant.parse(moved.path("to").asText()));
    }
}
