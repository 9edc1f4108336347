package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.Forwarder;
import io.acqsim.app.AcqsimHost;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.ChildHost;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.json.Json;
import io.acqsim.ledger.TestPostgres;

/**
 * Two real cluster nodes on one fresh PostgreSQL schema, both on a manual clock: "a" in this JVM and "b" in a child
 * JVM ({@code io.acqsim.bench.HostMain}: Q2 registers its MBeans under fixed names, so one JVM holds one host). Either
 * may lead. {@code GET /api/cluster} and {@code cluster status} on both show both nodes and the same leader; a fault
 * switched on at the follower, and a scenario loaded at the leader, act on both; a clock move posted to the follower
 * moves the leader's clock; bad bodies are refused on both. Slow (a second JVM); skipped without a PostgreSQL server.
 */
@Tag("slow")
class ClusterNodesTest {
    static final String FAULT = ClusterAdminTest.FAULT;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A node as the test reaches it: its name, admin port and data directory. */
    record Node(String name, int admin, Path data) {
    }

    static AcqsimHost a;
    static ChildHost child;
    static Node leader;
    static Node follower;
    static final Map<String, Node> NODES = new HashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        String url = TestPostgres.freshSchema();
        a = ClusterAdminTest.node("a", url);
        NODES.put("a", new Node("a", a.adminPort(), a.dataDir()));
        NODES.put("b", startChild("b", url));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String lead;
        while ((lead = leaderSeenBy(NODES.get("a"))) == null || !lead.equals(leaderSeenBy(NODES.get("b")))) {
            assertTrue(System.nanoTime() < deadline, "no leader both nodes agree on within 20 s");
            Thread.sleep(100);
        }
        leader = NODES.get(lead);
        follower = NODES.get(lead.equals("a") ? "b" : "a");
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        try {
            if (child != null) {
                child.process.destroy();
                child.process.waitFor(30, TimeUnit.SECONDS);
                child.close();
            }
        } finally {
            if (a != null) a.close();
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        for (Node n : NODES.values()) call(n, "DELETE", "/api/faults", null, null, Forwarder.FORWARDED_BY, "test");
    }

    private static Node startChild(String name, String url) throws Exception {
        child = ChildHost.on(url).node(name).clock(ClusterAdminTest.START).set("ledger.user", "postgres").token(ClusterAdminTest.TOKEN).heap("256m").start();
        return new Node(name, child.admin, child.data);
    }

    static String leaderSeenBy(Node n) throws Exception {
        JsonNode c = json(call(n, "GET", "/api/cluster", null, null));
        return c.path("leader").path("active").asBoolean() ? c.path("leader").path("node").asText() : null;
    }

    static HttpResponse<String> call(Node n, String method, String path, String body, String contentType, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.admin() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ClusterAdminTest.TOKEN);
        if (contentType != null) r.header("Content-Type", contentType);
        if (headers.length > 0) r.headers(headers);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    static Set<String> faults(Node n) throws Exception {
        HttpResponse<String> r = call(n, "GET", "/api/faults", null, null);
        assertEquals(200, r.statusCode(), r.body());
        return StreamSupport.stream(json(r).spliterator(), false).map(f -> f.path("type").asText() + "/" + f.path("spec").path("action").asText())
                .collect(Collectors.toSet());
    }

    /** The leader's own clock, asked of the leader (a GET it answers itself). */
    static Instant leaderClock() throws Exception {
        HttpResponse<String> r = call(leader, "GET", "/api/clock", null, null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue(Forwarder.ANSWERED_BY).isEmpty(), "the leader answers its clock itself");
        return Instant.parse(json(r).path("now").asText());
    }

    @Test
    void bothNodesListBothNodesAndTheSameLeader() throws Exception {
        for (Node n : NODES.values()) {
            HttpResponse<String> r = call(n, "GET", "/api/cluster", null, null);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode c = json(r);
            assertTrue(c.path("cluster").asBoolean(), r.body());
            assertEquals(n.name(), c.path("node").asText());
            assertEquals(n == leader, c.path("leading").asBoolean(), r.body());
            assertEquals(leader.name(), c.path("leader").path("node").asText(), r.body());
            assertTrue(c.path("leader").path("epoch").asLong() >= 1, r.body());
            Map<String, JsonNode> rows = new HashMap<>();
            c.path("nodes").forEach(row -> rows.put(row.path("name").asText(), row));
            assertEquals(Set.of("a", "b"), rows.keySet(), r.body());
            for (Node m : NODES.values()) {
                JsonNode row = rows.get(m.name());
                assertTrue(row.path("live").asBoolean(), r.body());
                assertEquals(m == leader, row.path("leader").asBoolean(), r.body());
                assertEquals("127.0.0.1:" + m.admin(), row.path("adminAddress").asText());
                assertEquals(0, row.path("terminalsConnected").asInt());
                assertTrue(row.path("heartbeatAgeMillis").asLong() < 5000, r.body());
            }
        }
        JsonNode fromA = json(call(NODES.get("a"), "GET", "/api/cluster", null, null));
        assertEquals(a.port(Profile.CUP), StreamSupport.stream(fromA.path("nodes").spliterator(), false)
                .filter(row -> row.path("name").asText().equals("a")).findFirst().orElseThrow().path("cupPort").asInt());
    }

    @Test
    void clusterStatusPrintsTheTableAndTheJson() throws Exception {
        String admin = "http://127.0.0.1:" + follower.admin();
        CliHarness.Run table = CliHarness.execute("cluster", "status", "--admin", admin, "--data", follower.data().toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("node asked: " + follower.name() + "; leader: " + leader.name() + " (epoch "), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("* " + leader.name() + " ")), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("  " + follower.name() + " ") && l.contains("127.0.0.1:" + follower.admin())
                && l.contains(" yes ")), table.out());

        CliHarness.Run json = CliHarness.execute("cluster", "status", "--json", "--admin", admin, "--data", follower.data().toString());
        assertEquals(0, json.exit(), json.err());
        JsonNode c = Json.mapper().readTree(json.out());
        assertEquals(2, c.path("nodes").size(), json.out());
        assertEquals(leader.name(), c.path("leader").path("node").asText());
    }

    @Test
    void aFaultSwitchedOnAtTheFollowerActsOnBothNodes() throws Exception {
        HttpResponse<String> added = call(follower, "POST", "/api/faults", FAULT, "application/yaml");
        assertEquals(200, added.statusCode(), added.body());
        JsonNode body = json(added);
        assertEquals(1, body.path("faults").size(), added.body());
        List<String> applied = new ArrayList<>();
        body.path("nodes").forEach(n -> {
            assertTrue(n.path("applied").asBoolean(), added.body());
            applied.add(n.path("node").asText());
        });
        assertEquals(List.of(follower.name(), leader.name()), applied);
        assertEquals(Set.of("network/drop-response"), faults(leader));
        assertEquals(Set.of("network/drop-response"), faults(follower));

        CliHarness.Run cleared = CliHarness.execute("fault", "clear", "--admin", "http://127.0.0.1:" + follower.admin(),
                "--data", follower.data().toString());
        assertEquals(0, cleared.exit(), cleared.out() + cleared.err());
        assertTrue(cleared.out().contains("applied on nodes " + follower.name() + ", " + leader.name()), cleared.out());
        assertEquals(Set.of(), faults(leader));
        assertEquals(Set.of(), faults(follower));
    }

    @Test
    void aFaultRemovedAtOneNodeIsTheSameFaultOnTheOtherWhateverItsIdThere() throws Exception {
        String onlyHere = json(call(follower, "POST", "/api/faults", "type: host-maintenance\nanswer: \"96\"\nfrom: 2026-10-09T10:00:00+08:00\n"
                + "to: 2026-10-09T11:00:00+08:00\n", "application/yaml", Forwarder.FORWARDED_BY, "test")).path(0).path("id").asText();
        JsonNode both = json(call(follower, "POST", "/api/faults", FAULT, "application/yaml"));
        String id = both.path("faults").path(0).path("id").asText();
        assertTrue(faults(leader).contains("network/drop-response"), "on the leader too");
        HttpResponse<String> removed = call(follower, "DELETE", "/api/faults/" + id, null, null);
        assertEquals(200, removed.statusCode(), removed.body());
        json(removed).path("nodes").forEach(n -> assertTrue(n.path("applied").asBoolean(), removed.body()));
        assertEquals(Set.of(), faults(leader), "the leader removed its own fault of that kind, not its fault " + id);
        assertEquals(Set.of("host-maintenance/"), faults(follower), "the follower's own fault " + onlyHere + " stays");
    }

    @Test
    void aScenarioLoadedAtTheLeaderActsOnBothNodes() throws Exception {
        CliHarness.Run loaded = CliHarness.execute("scenario", "load", TestHost.HOME.resolve("simulators/scenarios/network-fault.yml").toString(),
                "--admin", "http://127.0.0.1:" + leader.admin(), "--data", leader.data().toString());
        assertEquals(0, loaded.exit(), loaded.out() + loaded.err());
        assertTrue(loaded.out().contains("applied on nodes " + leader.name() + ", " + follower.name()), loaded.out());
        assertEquals(Set.of("network/drop-request", "network/drop-response"), faults(follower));
        assertEquals(faults(leader), faults(follower));
    }

    @Test
    void aClockMovePostedToTheFollowerMovesTheLeadersClock() throws Exception {
        Instant before = leaderClock();
        HttpResponse<String> r = call(follower, "POST", "/api/clock/advance", "{\"by\": \"PT1M\"}", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(leader.name(), r.headers().firstValue(Forwarder.ANSWERED_BY).orElse(null));
        assertEquals(before.plusSeconds(60), leaderClock());

        CliHarness.Run set = CliHarness.execute("clock", "set", before.plusSeconds(120).toString(), "--admin", "http://127.0.0.1:" + follower.admin(),
                "--data", follower.data().toString());
        assertEquals(0, set.exit(), set.out() + set.err());
        assertEquals(before.plusSeconds(120), leaderClock());
    }

    @Test
    void badBodiesAre400OnEitherNode() throws Exception {
        Instant before = leaderClock();
        for (Node n : NODES.values()) {
            for (String body : List.of("{", "{\"by\": \"banana\"}", "")) {
                HttpResponse<String> r = call(n, "POST", "/api/clock/advance", body, "application/json");
                assertEquals(400, r.statusCode(), n.name() + " " + body + ": " + r.body());
            }
            assertEquals(400, call(n, "POST", "/api/faults", "type: no-such-fault\n", "application/yaml").statusCode());
        }
        assertEquals(before, leaderClock());
        assertEquals(Set.of(), faults(leader));
        assertEquals(Set.of(), faults(follower));
    }
}
