package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@link AdminServer#close()}: stop listening, let requests in flight finish, then stop. */
class AdminServerCloseTest {
    @Test
    void closeLetsARequestInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Routes routes = Routes.builder().open().get("/slow", r -> {
            entered.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS));
            return AdminResponse.json(Map.of("done", true));
        }).build();
        AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, "t");
        int port = server.port();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var slow = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(30, TimeUnit.SECONDS));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        awaitRefused(port);   // the listener is gone while the request still runs
        release.countDown();

        HttpResponse<String> answer = slow.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("{\"done\":true}", answer.body());
        closing.get(30, TimeUnit.SECONDS);
        server.close();   // idempotent
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() {
        Routes routes = Routes.builder().open().get("/health", r -> AdminResponse.noContent()).build();
        try (AdminServer first = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, "t")) {
            InetSocketAddress taken = first.address();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AdminServer.start(taken, routes, "t"));
            assertTrue(e.getMessage().startsWith("admin API cannot listen on " + taken), e.getMessage());
        }
    }

    private static void awaitRefused(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                new Socket("127.0.0.1", port).close();
            } catch (ConnectException refused) {
                return;
            } catch (java.net.SocketException resetWhileClosing) {
                // the listener closed with this connection still in its accept queue: try again, the next is refused
            }
        }
        throw new AssertionError("port " + port + " still accepting connections");
    }
}
