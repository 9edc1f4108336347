package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminClientTest {
    private static final String TOKEN = "client-test-token";
    private static final CountDownLatch never = new CountDownLatch(1);

    record Advance(Duration by) {}

    private static AdminServer server;
    private static AdminClient client;

    @BeforeAll
    static void start() {
        Routes routes = Routes.builder()
                .open().get("/health", r -> AdminResponse.json(Map.of("status", "up")))
                .post("/api/clock/advance", r -> AdminResponse.json(Map.of("advancedBy", r.json(Advance.class).by())))
                .post("/api/clock/set", r -> {
                    throw new ApiException(ApiError.CLOCK_BACKWARDS, "the clock is at 2026-10-09T10:00+08:00; it never moves backwards");
                })
                .post("/api/scenarios", r -> AdminResponse.json(Map.of("type", r.contentType().orElse("-"), "lines", r.bodyText().lines().count())))
                .put("/api/merchants/{mid}/account", r -> AdminResponse.json(Map.of("mid", r.pathParam("mid"))))
                .delete("/api/faults/{id}", r -> AdminResponse.noContent())
                .get("/metrics", r -> AdminResponse.text("text/plain; version=0.0.4", "acqsim_up 1\n"))
                .get("/api/stuck", r -> {
                    never.await();
                    return AdminResponse.noContent();
                })
                .build();
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, TOKEN);
        client = new AdminClient(base(server.port()), TOKEN);
    }

    @AfterAll
    static void stop() {
        never.countDown();
        if (server != null) server.close();
    }

    @Test
    void jsonInJsonOut() {
        assertEquals("PT36H", client.post("/api/clock/advance", new Advance(Duration.ofHours(36))).get("advancedBy").asText());
        assertEquals("M1", client.put("/api/merchants/M1/account", Map.of("iban", "x")).get("mid").asText());
        assertEquals("up", new AdminClient(base(server.port()), null).get("/health").get("status").asText());
    }

    @Test
    void aYamlBodyKeepsItsContentType() {
        JsonNode r = client.post("/api/scenarios", "name: x\nsteps: []\n", "application/yaml");
        assertEquals("application/yaml", r.get("type").asText());
        assertEquals(2, r.get("lines").asInt());
    }

    @Test
    void textAndEmptyAnswers() {
        assertEquals("acqsim_up 1\n", client.getText("/metrics"));
        assertEquals("acqsim_up 1\n", client.get("/metrics").asText());
        assertTrue(client.delete("/api/faults/3").isMissingNode());
    }

    @Test
    void aConflictIsAFailureWithTheServersMessage() {
        AdminClient.Failure f = assertThrows(AdminClient.Failure.class, () -> client.post("/api/clock/set", Map.of("to", "2026-10-08T10:00:00+08:00")));
        assertEquals(409, f.status());
        assertEquals("CLOCK_BACKWARDS", f.code());
        assertEquals("the clock is at 2026-10-09T10:00+08:00; it never moves backwards", f.getMessage());
    }

    @Test
    void aWrongTokenIsAFailure() {
        AdminClient.Failure f = assertThrows(AdminClient.Failure.class,
                () -> new AdminClient(base(server.port()), "wrong").post("/api/clock/advance", new Advance(Duration.ofHours(1))));
        assertEquals(401, f.status());
        assertEquals("UNAUTHORIZED", f.code());
    }

    @Test
    void aClosedPortSaysNoHostIsAnswering() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AdminClient.Failure f = assertThrows(AdminClient.Failure.class, () -> new AdminClient(base(port), TOKEN).get("/api/clock"));
        assertEquals(0, f.status());
        assertEquals("no acqsim host answering at http://127.0.0.1:" + port + " (is `bin/acqsim run` running?)", f.getMessage());
    }

    @Test
    void aSlowAnswerTimesOut() {
        AdminClient impatient = new AdminClient(base(server.port()), TOKEN, Duration.ofMillis(300));
        AdminClient.Failure f = assertThrows(AdminClient.Failure.class, () -> impatient.get("/api/stuck"));
        assertEquals(0, f.status());
        assertTrue(f.getMessage().startsWith("no answer from http://127.0.0.1:" + server.port() + " to GET /api/stuck within PT0.3S"), f.getMessage());
    }

    private static URI base(int port) {
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
