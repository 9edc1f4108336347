package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.acqsim.logging.AppLogTo;

/**
 * Wrong admin tokens on a real server: logged with address and route but never the token, answered
 * later and later, without holding up the event loop that other connections share. The timing bounds
 * are lower bounds of scheduled delays, which no slow machine can break.
 */
class AdminSlowdownTest {
    private static final String TOKEN = "slowdown-test-token-0123456789";
    private static final String GUESS = "guess-4f1c9e";
    private static final Path LOG_DIR = tempDir();

    @RegisterExtension
    static final AppLogTo LOG = AppLogTo.dir(LOG_DIR).console("OFF");

    /** Growing delays: the 2nd wrong token in a row waits 200 ms, then 400, 800, 1000 (the cap). */
    private static AdminServer growing;
    /** Every wrong token waits 3 s: long enough to see other connections answered meanwhile. */
    private static AdminServer threeSeconds;

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("acqsim-admin-slowdown");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        Routes routes = Routes.builder()
                .open().get("/health", r -> AdminResponse.json(Map.of("status", "up")))
                .get("/api/secret", r -> AdminResponse.json(Map.of("secret", true)))
                .build();
        growing = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, TOKEN,
                new FailedAttempts.Policy(1, Duration.ofMillis(200), Duration.ofMillis(1000), Duration.ofMinutes(15)));
        threeSeconds = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, TOKEN,
                new FailedAttempts.Policy(0, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMinutes(15)));
    }

    @AfterAll
    static void stop() {
        if (growing != null) growing.close();
        if (threeSeconds != null) threeSeconds.close();
    }

    /** The status line of one request on a fresh connection, and how long it took. */
    private record Answer(String status, long millis) {}

    private static Answer get(AdminServer server, String target, String authorization) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new Answer(answer.lines().findFirst().orElse(""), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void theFifthWrongTokenInARowIsAnsweredNoSoonerThanASecondAndARightOneStartsAgain() throws Exception {
        assertEquals("HTTP/1.1 200 OK", get(growing, "/api/secret", "Bearer " + TOKEN).status(), "a right token ends any earlier streak");
        Answer[] wrong = new Answer[5];
        for (int i = 0; i < 5; i++) wrong[i] = get(growing, "/api/secret", "Bearer " + GUESS);
        for (Answer a : wrong) assertEquals("HTTP/1.1 401 Unauthorized", a.status());
        assertTrue(wrong[1].millis() >= 200, "2nd: " + wrong[1].millis() + " ms");
        assertTrue(wrong[2].millis() >= 400, "3rd: " + wrong[2].millis() + " ms");
        assertTrue(wrong[4].millis() >= 1000, "5th: " + wrong[4].millis() + " ms");

        assertEquals("HTTP/1.1 200 OK", get(growing, "/api/secret", "Bearer " + TOKEN).status());
        assertEquals("HTTP/1.1 401 Unauthorized", get(growing, "/api/secret?token=" + GUESS, null).status());
        String log = awaitLog(l -> l.contains("(1 in a row from that address): 401 after 0 ms") && l.contains("(5 in a row"));
        assertTrue(log.contains("GET /api/secret from 127.0.0.1 with a wrong token (5 in a row from that address): 401 after 1000 ms"), log);
        assertTrue(log.contains("(1 in a row from that address): 401 after 0 ms"), "the right token started the count again: " + log);
        assertFalse(log.contains(GUESS), "the presented token is never logged");
        assertFalse(log.contains(TOKEN), "nor the right one");
    }

    @Test
    void aHeldBackAnswerDoesNotHoldUpOtherConnections() throws Exception {
        CompletableFuture<Answer> held = CompletableFuture.supplyAsync(() -> {
            try {
                return get(threeSeconds, "/api/secret", "Bearer " + GUESS);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // two more connections: with the server's two I/O threads, one of them shares the held one's event loop
        for (int i = 0; i < 2; i++) {
            assertEquals("HTTP/1.1 200 OK", get(threeSeconds, "/health", null).status());
            assertEquals("HTTP/1.1 200 OK", get(threeSeconds, "/api/secret", "Bearer " + TOKEN).status());
        }
        assertFalse(held.isDone(), "the other connections were answered while the wrong token's answer was held back");
        Answer a = held.get();
        assertEquals("HTTP/1.1 401 Unauthorized", a.status());
        assertTrue(a.millis() >= 3000, a.millis() + " ms");
    }

    @Test
    void aRequestWithoutTokenIsLoggedAsSuchNotCountedAsAGuess() throws Exception {
        assertEquals("HTTP/1.1 401 Unauthorized", get(threeSeconds, "/api/secret", null).status());
        String log = awaitLog(l -> l.contains("GET /api/secret from 127.0.0.1 without a token: 401"));
        assertTrue(log.contains("GET /api/secret from 127.0.0.1 without a token: 401"), log);
    }

    private static String awaitLog(java.util.function.Predicate<String> ready) throws Exception {
        Path file = LOG_DIR.resolve("acqsim.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                text = Files.readString(file, StandardCharsets.UTF_8);
                if (ready.test(text)) return text;
            }
            Thread.sleep(50);
        }
        return text;
    }
}
