package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.acqsim.admin.AdminToken;
import io.acqsim.admin.Forwarder;
import io.acqsim.app.AcqsimHost;
import io.acqsim.cli.CliHarness;
import io.acqsim.clock.ClockMode;
import io.acqsim.host.TestHost;
import io.acqsim.json.Json;
import io.acqsim.ledger.TestPostgres;

/**
 * The admin API of one cluster node ("c", in process, on a fresh PostgreSQL schema and a manual clock) whose other
 * nodes the test plays itself: it holds the leader lock (so "c" never leads), and writes rows of other nodes into
 * {@code cluster_nodes}, one answered by a small HTTP server of the test that records what reaches it, one at an
 * address where nothing listens. So it checks, without a second host: 503 for a clock move while no node leads, a
 * clock move forwarded to the leader with the same body and the caller's token and marked forwarded, a forwarded
 * request never forwarded again, a switch fanned out to every live node with a node that failed reported, and bad
 * bodies refused before anything is forwarded. Two real nodes: {@link ClusterNodesTest}. Skipped without a
 * PostgreSQL server (ACQSIM_TEST_PG). The node's token is written to its data directory and the test's environment is
 * not given to it, so the test passes with or without ACQSIM_ADMIN_TOKEN exported.
 */
class ClusterAdminTest {
    static final String TOKEN = "cluster-admin-test-token";
    static final Instant START = Instant.parse("2026-10-09T01:00:00Z");   // 09:00 in Shanghai
    static final int LOCK_CLASS = 0x616371;                                // LeaderElection's advisory lock
    static final String FAULT = """
            type: network
            link: terminal
            action: drop-response
            match: { mti: "0200", probability: 0.2 }
            from: 2026-10-09T10:00:00+08:00
            to: 2026-10-09T10:30:00+08:00
            """;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A request that reached the test's own "node". */
    record Seen(String method, String path, String body, String authorization, String forwardedBy, String faultLike) {
    }

    static String url;
    static Connection lease;
    static AcqsimHost c;
    static HttpServer peer;
    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        url = TestPostgres.freshSchema();
        lease = DriverManager.getConnection(url);
        try (Statement s = lease.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", hashtext(current_schema()))")) {
            assertTrue(rs.next() && rs.getBoolean(1), "the test holds the leader lock");
        }
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            SEEN.add(new Seen(x.getRequestMethod(), x.getRequestURI().toString(), body, x.getRequestHeaders().getFirst("Authorization"),
                    x.getRequestHeaders().getFirst(Forwarder.FORWARDED_BY), x.getRequestHeaders().getFirst(AdminApi.FAULT_LIKE)));
            byte[] answer = "{\"answeredBy\": \"peer\"}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        peer.start();
        c = node("c", url);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (c != null) c.close();
        if (peer != null) peer.stop(0);
        if (lease != null) lease.close();
    }

    @AfterEach
    void reset() throws Exception {
        sql("DELETE FROM cluster_nodes WHERE name <> 'c'");
        sql("UPDATE cluster_leader SET node = NULL, epoch = 0, elected_at = NULL");
        call("DELETE", "/api/faults", null, null, Forwarder.FORWARDED_BY, "test");
        SEEN.clear();
    }

    /** A cluster node on a manual clock, its admin token written to its data directory first. */
    static AcqsimHost node(String name, String ledgerUrl) throws IOException {
        Path data = TestHost.tempData();
        Files.writeString(data.resolve(AdminToken.FILE), TOKEN + "\n");
        Map<String, String> o = new HashMap<>(Map.of("host.ports.cup", "0", "host.ports.iso87a", "0", "host.ports.admin", "0",
                "ledger.url", ledgerUrl, "ledger.user", "postgres", "cluster.node", name));
        return AcqsimHost.start(AcqsimHost.Options.defaults(TestHost.HOME, data).withOverrides(o)
                .withIssuerOverrides(Map.of("timeout", "PT1.5S")).withClock(ClockMode.MANUAL, START).withEnvironment(Map.of()));
    }

    static void sql(String statement, Object... args) throws SQLException {
        try (PreparedStatement s = lease.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            s.executeUpdate();
        }
    }

    /** A node row whose heartbeat stays live through the test. */
    static void otherNode(String name, String admin) throws SQLException {
        sql("""
                INSERT INTO cluster_nodes (name, started_at, heartbeat_at, admin_address, cup_port, iso87a_port, terminals_connected)
                VALUES (?, now(), now() + interval '1 hour', ?, 1, 2, 3)""", name, admin);
    }

    static void leader(String name) throws SQLException {
        sql("UPDATE cluster_leader SET node = ?, epoch = epoch + 1, elected_at = now()", name);
    }

    static String peerAddress() {
        return "127.0.0.1:" + peer.getAddress().getPort();
    }

    /** An address where nothing listens (a port just freed). */
    static String deadAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    static HttpResponse<String> call(String method, String path, String body, String contentType, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.adminPort() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + TOKEN);
        if (contentType != null) r.header("Content-Type", contentType);
        if (headers.length > 0) r.headers(headers);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    static Set<String> faultTypes() throws Exception {
        HttpResponse<String> r = call("GET", "/api/faults", null, null);
        assertEquals(200, r.statusCode(), r.body());
        return StreamSupport.stream(json(r).spliterator(), false).map(f -> f.path("type").asText()).collect(Collectors.toSet());
    }

    @Test
    void withoutALeaderAClockMoveIs503AndTheNodeAnswersItsOwnClock() throws Exception {
        HttpResponse<String> move = call("POST", "/api/clock/advance", "{\"by\": \"PT1M\"}", "application/json");
        assertEquals(503, move.statusCode(), move.body());
        assertEquals("NO_LEADER", json(move).path("code").asText());
        assertTrue(json(move).path("error").asText().contains("no node has led yet"), move.body());
        assertEquals(START, c.services().clock().instant());

        HttpResponse<String> clock = call("GET", "/api/clock", null, null);
        assertEquals(200, clock.statusCode(), clock.body());
        assertEquals("c", clock.headers().firstValue(Forwarder.ANSWERED_BY).orElse(null));

        JsonNode status = json(call("GET", "/api/cluster", null, null));
        assertTrue(status.path("cluster").asBoolean(), status.toString());
        assertEquals("c", status.path("node").asText());
        assertTrue(status.path("leader").isNull(), status.toString());
        assertFalse(status.path("leading").asBoolean());
        assertEquals("no node has led yet", status.path("detail").asText());

        CliHarness.Run table = CliHarness.execute("cluster", "status", "--admin", "http://127.0.0.1:" + c.adminPort(), "--data", c.dataDir().toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("node asked: c; leader: none"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.contains(" c ") && l.contains("127.0.0.1:" + c.adminPort()) && l.contains(" yes ")), table.out());
    }

    @Test
    void aLeaderWhoseHeartbeatStoppedIsNoLeader() throws Exception {
        sql("""
                INSERT INTO cluster_nodes (name, started_at, heartbeat_at, admin_address, terminals_connected)
                VALUES ('gone', now() - interval '1 hour', now() - interval '1 minute', ?, 0)""", peerAddress());
        leader("gone");
        HttpResponse<String> move = call("POST", "/api/clock/set", "{\"to\": \"2026-10-09T10:00:00+08:00\"}", "application/json");
        assertEquals(503, move.statusCode(), move.body());
        assertTrue(json(move).path("error").asText().contains("the last leader was node gone (epoch 1)"), move.body());
        assertTrue(SEEN.isEmpty(), "nothing sent to a node that is not live: " + SEEN);

        JsonNode status = json(call("GET", "/api/cluster", null, null));
        assertFalse(status.path("leader").path("active").asBoolean(), status.toString());
        JsonNode gone = StreamSupport.stream(status.path("nodes").spliterator(), false).filter(n -> n.path("name").asText().equals("gone"))
                .findFirst().orElseThrow();
        assertFalse(gone.path("live").asBoolean(), status.toString());
        assertTrue(gone.path("heartbeatAgeMillis").asLong() >= 59_000, status.toString());
    }

    @Test
    void aClockMoveIsForwardedToTheLeaderWithTheCallersTokenAndItsAnswerReturned() throws Exception {
        otherNode("lead", peerAddress());
        leader("lead");
        String body = "{\"by\": \"PT1M\"}";
        HttpResponse<String> move = call("POST", "/api/clock/advance", body, "application/json");
        assertEquals(200, move.statusCode(), move.body());
        assertEquals("peer", json(move).path("answeredBy").asText());
        assertEquals("lead", move.headers().firstValue(Forwarder.ANSWERED_BY).orElse(null));
        assertEquals(List.of(new Seen("POST", "/api/clock/advance", body, "Bearer " + TOKEN, "c", null)), SEEN);
        assertEquals(START, c.services().clock().instant(), "the follower's own clock is not moved by it");

        SEEN.clear();
        HttpResponse<String> clock = call("GET", "/api/clock?x=a%20b", null, null);
        assertEquals(200, clock.statusCode(), clock.body());
        assertEquals("lead", clock.headers().firstValue(Forwarder.ANSWERED_BY).orElse(null));
        assertEquals("/api/clock?x=a+b", SEEN.getFirst().path());
    }

    @Test
    void aLeaderThatDoesNotAnswerIs502() throws Exception {
        otherNode("lead", deadAddress());
        leader("lead");
        HttpResponse<String> move = call("POST", "/api/settlement/run", "", null);
        assertEquals(502, move.statusCode(), move.body());
        assertEquals("NODE_UNREACHABLE", json(move).path("code").asText());
        assertTrue(json(move).path("error").asText().contains("node lead (admin API 127.0.0.1:"), move.body());
        HttpResponse<String> clock = call("GET", "/api/clock", null, null);
        assertEquals(200, clock.statusCode(), "a read falls back to the node's own view: " + clock.body());
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() throws Exception {
        otherNode("lead", peerAddress());
        leader("lead");
        HttpResponse<String> move = call("POST", "/api/clock/advance", "{\"by\": \"PT1M\"}", "application/json", Forwarder.FORWARDED_BY, "b");
        assertEquals(503, move.statusCode(), move.body());
        assertTrue(json(move).path("error").asText().contains("node b forwarded"), move.body());

        HttpResponse<String> fault = call("POST", "/api/faults", FAULT, "application/yaml", Forwarder.FORWARDED_BY, "b");
        assertEquals(200, fault.statusCode(), fault.body());
        assertTrue(json(fault).isArray(), "applied here only, answered as one host answers: " + fault.body());
        assertEquals(Set.of("network"), faultTypes());
        assertTrue(SEEN.isEmpty(), "nothing went on: " + SEEN);
    }

    @Test
    void aSwitchGoesToEveryLiveNodeAndANodeThatFailsIsReported() throws Exception {
        otherNode("b", peerAddress());
        otherNode("d", deadAddress());
        HttpResponse<String> added = call("POST", "/api/faults", FAULT, "application/yaml");
        assertEquals(200, added.statusCode(), added.body());
        JsonNode body = json(added);
        assertEquals("network", body.path("faults").path(0).path("type").asText(), added.body());
        JsonNode nodes = body.path("nodes");
        assertEquals(3, nodes.size(), added.body());
        assertEquals(List.of("c", "b", "d"), StreamSupport.stream(nodes.spliterator(), false).map(n -> n.path("node").asText()).toList());
        assertTrue(nodes.path(0).path("applied").asBoolean());
        assertTrue(nodes.path(1).path("applied").asBoolean());
        assertFalse(nodes.path(2).path("applied").asBoolean());
        assertTrue(nodes.path(2).path("error").asText().contains("did not answer"), added.body());
        assertEquals(List.of(new Seen("POST", "/api/faults", FAULT, "Bearer " + TOKEN, "c", null)), SEEN);
        assertEquals(Set.of("network"), faultTypes());

        Path file = Files.createTempFile("cluster-fault-", ".yml");
        try {
            Files.writeString(file, FAULT);
            CliHarness.Run run = CliHarness.execute("fault", "add", file.toString(), "--admin", "http://127.0.0.1:" + c.adminPort(),
                    "--data", c.dataDir().toString());
            assertEquals(1, run.exit(), "a node out of step fails the command: " + run.out());
            assertTrue(run.out().contains("NOT applied on node d: node d (admin API 127.0.0.1:"), run.out());
            assertTrue(run.out().contains("applied on nodes c, b"), run.out());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aFaultIsRemovedOnTheOtherNodesByWhatItIsNotByItsId() throws Exception {
        String mine = json(call("POST", "/api/faults", FAULT, "application/yaml", Forwarder.FORWARDED_BY, "test")).path(0).path("id").asText();
        String other = json(call("POST", "/api/faults", "type: host-maintenance\nanswer: \"96\"\nfrom: 2026-10-09T10:00:00+08:00\n"
                + "to: 2026-10-09T11:00:00+08:00\n", "application/yaml", Forwarder.FORWARDED_BY, "test")).path(0).path("id").asText();
        String like = AdminApi.fingerprint(c.services().faults().get(other).orElseThrow());
        assertTrue(like.matches("[0-9a-f]{32}"), like);

        String mineLike = AdminApi.fingerprint(c.services().faults().get(mine).orElseThrow());
        assertFalse(mineLike.equals(like), "two different faults, two fingerprints");

        otherNode("b", peerAddress());
        HttpResponse<String> removed = call("DELETE", "/api/faults/" + mine, null, null);
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(List.of(new Seen("DELETE", "/api/faults/" + mine, "", "Bearer " + TOKEN, "c", mineLike)), SEEN);

        // as another node forwards it: the id is that node's, the fault is found by what it is
        HttpResponse<String> forwarded = call("DELETE", "/api/faults/F-999", null, null, Forwarder.FORWARDED_BY, "b", AdminApi.FAULT_LIKE, like);
        assertEquals(200, forwarded.statusCode(), forwarded.body());
        assertEquals(other, json(forwarded).path("removed").asText());
        assertEquals(Set.of(), faultTypes());
        HttpResponse<String> none = call("DELETE", "/api/faults/F-999", null, null, Forwarder.FORWARDED_BY, "b", AdminApi.FAULT_LIKE, like);
        assertEquals(404, none.statusCode(), none.body());
        assertTrue(json(none).path("error").asText().contains("no fault like fault 'F-999' of node b here"), none.body());
    }

    @Test
    void badBodiesAre400AndGoNowhere() throws Exception {
        otherNode("lead", peerAddress());
        leader("lead");
        for (String body : List.of("{", "{\"by\": \"banana\"}", "{\"by\": \"P500D\"}", "", "{\"by\": 7}")) {
            HttpResponse<String> r = call("POST", "/api/clock/advance", body, "application/json");
            assertEquals(400, r.statusCode(), body + ": " + r.body());
        }
        assertEquals(409, call("POST", "/api/clock/advance", "{\"by\": \"-PT1M\"}", "application/json").statusCode());
        assertEquals(400, call("POST", "/api/clock/set", "{\"to\": \"tomorrow\"}", "application/json").statusCode());
        assertEquals(400, call("POST", "/api/settlement/run", "{\"businessDate\": \"2026-13-01\"}", "application/json").statusCode());
        HttpResponse<String> fault = call("POST", "/api/faults", "type: no-such-fault\n", "application/yaml");
        assertEquals(400, fault.statusCode(), fault.body());
        assertTrue(SEEN.isEmpty(), "nothing forwarded: " + SEEN);
        assertEquals(Set.of(), faultTypes());
    }
}
