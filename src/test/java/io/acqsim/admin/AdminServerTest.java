package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.acqsim.json.Json;
import io.acqsim.logging.AppLogTo;

/** The admin server on a real socket, driven by java.net.http and, for garbage, a raw socket. */
class AdminServerTest {
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final Path LOG_DIR = tempDir();

    /** Keeps the 500 test's stack trace out of the console and the work tree. */
    @RegisterExtension
    static final AppLogTo LOG = AppLogTo.dir(LOG_DIR).console("OFF");

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("acqsim-admin-log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Advance(Duration by) {}

    record Item(String name, long amount) {}

    record Order(String merchant, List<Item> items) {}

    private static final int SLOW_REQUESTS = 5;   // more than the server's I/O threads
    private static final CountDownLatch slowEntered = new CountDownLatch(SLOW_REQUESTS);
    private static final CountDownLatch slowRelease = new CountDownLatch(1);

    private static AdminServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        Routes routes = Routes.builder()
                .open().get("/health", r -> AdminResponse.json(Map.of("status", "up")))
                .get("/api/payouts/{id}", r -> AdminResponse.json(Map.of(
                        "id", r.pathParam("id"),
                        "merchant", r.query("merchant").orElse("-"),
                        "status", r.queryAll("status"))))
                .post("/api/clock/advance", r -> AdminResponse.json(Map.of("by", r.json(Advance.class).by())))
                .post("/api/orders", r -> AdminResponse.json(201, r.json(Order.class)))
                .post("/api/clock/set", r -> {
                    throw new ApiException(ApiError.CLOCK_BACKWARDS, "cannot set the clock back from 2026-10-09T10:00+08:00 to 2026-10-08T10:00+08:00");
                })
                .get("/api/boom", r -> {
                    throw new IllegalStateException("secret-detail: connection string jdbc:h2:/x;PASSWORD=hunter2");
                })
                .get("/api/slow", r -> {
                    slowEntered.countDown();
                    assertTrue(slowRelease.await(30, TimeUnit.SECONDS));
                    return AdminResponse.json(Map.of("slow", true));
                })
                .get("/api/faults/{id}", r -> AdminResponse.json(Map.of("fault", r.pathParam("id"))))
                .delete("/api/faults/{id}", r -> AdminResponse.noContent())
                .post("/api/faults/reset", r -> AdminResponse.json(Map.of("reset", true)))
                .get("/api/report.csv", r -> AdminResponse.text("text/csv", "merchant,amount\nM1,1234\n"))
                .get("/api/page", r -> AdminResponse.json(Map.of("csrf", r.csrfToken())))
                .open().get("/api/open-page", r -> AdminResponse.json(Map.of("csrf", r.csrfToken())))
                .build();
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, TOKEN);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        slowRelease.countDown();
        if (server != null) server.close();
    }

    // ---- open and protected routes ----

    @Test
    void healthIsOpen() throws Exception {
        HttpResponse<String> r = send(get("/health"));
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("up", json(r).get("status").asText());
    }

    @Test
    void protectedRouteWithoutTokenIs401() throws Exception {
        assertError(send(get("/api/payouts/7")), 401, "UNAUTHORIZED");
    }

    @Test
    void protectedRouteWithWrongTokenIs401() throws Exception {
        assertError(send(get("/api/payouts/7").header("Authorization", "Bearer " + TOKEN + "x")), 401, "UNAUTHORIZED");
        assertError(send(get("/api/payouts/7").header("Authorization", "Basic " + TOKEN)), 401, "UNAUTHORIZED");
    }

    @Test
    void protectedRouteWithBearerTokenIs200() throws Exception {
        HttpResponse<String> r = send(authed(get("/api/payouts/7")));
        assertEquals(200, r.statusCode());
        assertEquals("7", json(r).get("id").asText());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "a bearer request sets no cookie");
    }

    @Test
    void tokenInQuerySetsCookieThatWorksAlone() throws Exception {
        HttpResponse<String> first = send(get("/api/payouts/7?token=" + TOKEN));
        assertEquals(200, first.statusCode());
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("acqsim_token=" + TOKEN + ";"), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);

        String cookie = setCookie.split(";", 2)[0];
        HttpResponse<String> later = send(get("/api/payouts/8").header("Cookie", "theme=dark; " + cookie));
        assertEquals(200, later.statusCode());
        assertEquals("8", json(later).get("id").asText());
    }

    @Test
    void wrongTokenInQueryOrCookieIs401() throws Exception {
        HttpResponse<String> r = send(get("/api/payouts/7?token=nope"));
        assertError(r, 401, "UNAUTHORIZED");
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
        assertError(send(get("/api/payouts/7").header("Cookie", "acqsim_token=nope")), 401, "UNAUTHORIZED");
    }

    @Test
    void tokenInQueryOnlyCountsForGet() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/api/clock/advance?token=" + TOKEN))
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"PT36H\"}")).build();
        assertError(send(post), 401, "UNAUTHORIZED");
    }

    // ---- writes with the session cookie need the CSRF token ----

    private static final String COOKIE = "acqsim_token=" + TOKEN;

    /** The CSRF token as a page gets it: handed to the handler of a request the token check let in. */
    private static String csrfToken() throws Exception {
        HttpResponse<String> page = send(get("/api/page").header("Cookie", COOKIE));
        assertEquals(200, page.statusCode());
        return json(page).get("csrf").asText();
    }

    @Test
    void csrfTokenIsAnHmacOfTheAdminTokenGivenOnlyToLetInRequests() throws Exception {
        String csrf = csrfToken();
        assertTrue(csrf.matches("[0-9a-f]{64}"), csrf);
        assertEquals(new AdminAuth(TOKEN).csrfToken(), csrf, "the same for every request and restart with this admin token");
        assertFalse(csrf.contains(TOKEN));
        assertFalse(csrf.equals(new AdminAuth(TOKEN + "x").csrfToken()), "another admin token, another CSRF token");
        assertEquals("", json(send(get("/api/open-page").header("Cookie", COOKIE))).get("csrf").asText(), "open routes hand out nothing");
    }

    @Test
    void cookieOnlyWritesWithoutTheCsrfTokenAre403() throws Exception {
        JsonNode body = assertError(send(post("/api/clock/advance", "{\"by\":\"PT36H\"}").header("Cookie", COOKIE)), 403, "CSRF_TOKEN_MISSING");
        assertTrue(body.get("error").asText().contains("X-CSRF-Token"), body.toString());
        assertError(send(post("/api/clock/advance", "{\"by\":\"PT36H\"}").header("Cookie", COOKIE).header("X-CSRF-Token", csrfToken() + "0")),
                403, "CSRF_TOKEN_MISSING");
        assertError(send(post("/api/clock/advance", "{\"by\":\"PT36H\"}").header("Cookie", COOKIE).header("X-CSRF-Token", TOKEN)),
                403, "CSRF_TOKEN_MISSING");
        assertError(send(HttpRequest.newBuilder(uri("/api/faults/9")).DELETE().header("Cookie", COOKIE)), 403, "CSRF_TOKEN_MISSING");
        assertError(send(post("/api/faults/reset", "").header("Cookie", COOKIE)), 403, "CSRF_TOKEN_MISSING");
    }

    @Test
    void cookieWritesWithTheCsrfTokenPass() throws Exception {
        HttpResponse<String> r = send(post("/api/clock/advance", "{\"by\":\"PT36H\"}").header("Cookie", COOKIE).header("X-CSRF-Token", csrfToken()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"by\":\"PT36H\"}", r.body());
        assertEquals(204, send(HttpRequest.newBuilder(uri("/api/faults/9")).DELETE().header("Cookie", COOKIE)
                .header("x-csrf-token", csrfToken())).statusCode(), "the header's name in any case");
    }

    @Test
    void bearerWritesNeedNoCsrfToken() throws Exception {
        HttpResponse<String> r = send(authed(post("/api/clock/advance", "{\"by\":\"PT1H\"}")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(200, send(authed(post("/api/clock/advance", "{\"by\":\"PT1H\"}")).header("Cookie", "acqsim_token=nope")).statusCode(),
                "a valid bearer header is enough whatever cookie comes with it");
    }

    @Test
    void theCsrfTokenAloneIsNoLogin() throws Exception {
        assertError(send(post("/api/clock/advance", "{\"by\":\"PT36H\"}").header("X-CSRF-Token", csrfToken())), 401, "UNAUTHORIZED");
        assertError(send(post("/api/clock/advance", "{\"by\":\"PT36H\"}").header("Cookie", "acqsim_token=nope")
                .header("X-CSRF-Token", csrfToken())), 401, "UNAUTHORIZED");
    }

    // ---- routing ----

    @Test
    void pathAndQueryParametersAreDecoded() throws Exception {
        JsonNode body = json(send(authed(get("/api/payouts/P%2042?merchant=M%2B1&status=PAID&status=HELD&empty="))));
        assertEquals("P 42", body.get("id").asText());
        assertEquals("M+1", body.get("merchant").asText());
        assertEquals("[\"PAID\",\"HELD\"]", body.get("status").toString());
    }

    @Test
    void unknownPathIs404() throws Exception {
        HttpResponse<String> r = send(authed(get("/api/nope")));
        JsonNode body = assertError(r, 404, "NOT_FOUND");
        assertEquals("no route for GET /api/nope", body.get("error").asText());
        assertError(send(get("/health/")), 404, "NOT_FOUND");
    }

    @Test
    void knownPathWithWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = send(authed(HttpRequest.newBuilder(uri("/api/faults/3")).PUT(HttpRequest.BodyPublishers.noBody())));
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertEquals("DELETE, GET", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void literalSegmentBeatsParameter() throws Exception {
        HttpResponse<String> reset = send(authed(HttpRequest.newBuilder(uri("/api/faults/reset")).POST(HttpRequest.BodyPublishers.noBody())));
        assertEquals(200, reset.statusCode());
        assertTrue(json(reset).get("reset").asBoolean());
        HttpResponse<String> get = send(authed(get("/api/faults/reset")));
        assertError(get, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals(204, send(authed(HttpRequest.newBuilder(uri("/api/faults/9")).DELETE())).statusCode());
    }

    // ---- bodies ----

    @Test
    void jsonBodyIsReadIntoARecordAndDurationsAreIso() throws Exception {
        HttpResponse<String> r = send(authed(post("/api/clock/advance", "{\"by\":\"PT36H\"}")));
        assertEquals(200, r.statusCode());
        assertEquals("{\"by\":\"PT36H\"}", r.body());
    }

    @Test
    void jsonWithStatus201() throws Exception {
        HttpResponse<String> r = send(authed(post("/api/orders", "{\"merchant\":\"M1\",\"items\":[{\"name\":\"tea\",\"amount\":350}]}")));
        assertEquals(201, r.statusCode());
        assertEquals(350, json(r).at("/items/0/amount").asLong());
    }

    @Test
    void malformedJsonIs400NamingTheLine() throws Exception {
        JsonNode body = assertError(send(authed(post("/api/clock/advance", "{\n  \"by\": \"PT36H\",\n}"))), 400, "BAD_JSON");
        String error = body.get("error").asText();
        assertTrue(error.startsWith("malformed JSON"), error);
        assertTrue(error.contains("line 3"), error);
    }

    @Test
    void unknownPropertyIs400NamingIt() throws Exception {
        JsonNode body = assertError(send(authed(post("/api/clock/advance", "{\"by\":\"PT1H\",\"colour\":\"red\"}"))), 400, "BAD_JSON");
        String error = body.get("error").asText();
        assertTrue(error.contains("unknown property 'colour'"), error);
        assertTrue(error.contains("(known: by)"), error);
    }

    @Test
    void wrongTypeIs400NamingTheField() throws Exception {
        String json = "{\"merchant\":\"M1\",\"items\":[{\"name\":\"tea\",\"amount\":\"lots\"}]}";
        JsonNode body = assertError(send(authed(post("/api/orders", json))), 400, "BAD_JSON");
        String error = body.get("error").asText();
        assertTrue(error.startsWith("field 'items[0].amount'"), error);
        assertFalse(error.contains("\tat "), "no stack trace: " + error);
    }

    @Test
    void emptyBodyIs400() throws Exception {
        JsonNode body = assertError(send(authed(post("/api/clock/advance", ""))), 400, "BAD_JSON");
        assertEquals("the request body is empty; expected a JSON Advance", body.get("error").asText());
    }

    @Test
    void bodyOverOneMebibyteIs413AndTheConnectionGoesOn() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 / 2];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
        assertError(send(request), 413, "BODY_TOO_LARGE");
        assertEquals(200, send(get("/health")).statusCode());
    }

    @Test
    void textResponsesCarryTheirContentType() throws Exception {
        HttpResponse<String> r = send(authed(get("/api/report.csv")));
        assertEquals(200, r.statusCode());
        assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("merchant,amount\nM1,1234\n", r.body());
    }

    // ---- failures ----

    @Test
    void apiExceptionBecomesItsCatalogueEntry() throws Exception {
        HttpResponse<String> r = send(authed(post("/api/clock/set", "{}")));
        JsonNode body = assertError(r, 409, "CLOCK_BACKWARDS");
        assertEquals("cannot set the clock back from 2026-10-09T10:00+08:00 to 2026-10-08T10:00+08:00", body.get("error").asText());
        assertEquals(List.of("error", "status", "code"), fieldNames(body));
    }

    @Test
    void unexpectedExceptionIsAGeneric500AndTheServerGoesOn() throws Exception {
        HttpResponse<String> r = send(authed(get("/api/boom")));
        JsonNode body = assertError(r, 500, "INTERNAL");
        assertEquals(ApiError.INTERNAL.defaultMessage(), body.get("error").asText());
        assertFalse(r.body().contains("secret-detail"), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
        assertEquals(200, send(get("/health")).statusCode());
        String log = Files.readString(LOG_DIR.resolve("acqsim.log"));
        assertTrue(log.contains("java.lang.IllegalStateException: secret-detail"), "the host log has the stack trace");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0000\u0001\u0002\u00ff\r\n\r\n",
            "HELLO\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost localhost no colon\r\n\r\n",
            "GET /health HTTP/x\r\n\r\n",
            "GET /health HTTP/1.1\r\nContent-Length: -5\r\n\r\n"})
    void garbageGets400OrClosedAndTheServerGoesOn(String garbage) throws Exception {
        String answer = raw(garbage.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("Connection: close") || answer.contains("connection: close"), answer);
        assertTrue(answer.endsWith("{\"error\":\"malformed HTTP request\",\"status\":400,\"code\":\"BAD_REQUEST\"}"), answer);
        assertEquals(200, send(get("/health")).statusCode());
    }

    @Test
    void anOverlongRequestLineGets400() throws Exception {
        String answer = raw(("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals(200, send(get("/health")).statusCode());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        String two = "GET /api/faults/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n"
                + "GET /api/faults/2 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n";
        String answer = raw(two.getBytes(StandardCharsets.US_ASCII));
        int first = answer.indexOf("{\"fault\":\"1\"}");
        int second = answer.indexOf("{\"fault\":\"2\"}");
        assertTrue(first > 0 && second > first, answer);
    }

    // ---- threading ----

    @Test
    void blockedHandlersDoNotStopOtherRequests() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_REQUESTS; i++) {
            slow.add(http.sendAsync(authed(get("/api/slow")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // every slow handler is blocked at once: more of them than there are event-loop threads
        assertTrue(slowEntered.await(30, TimeUnit.SECONDS), "all slow handlers running concurrently");
        HttpResponse<String> health = send(get("/health"));
        assertEquals(200, health.statusCode());
        assertTrue(slow.stream().noneMatch(CompletableFuture::isDone), "slow requests still blocked");
        slowRelease.countDown();
        for (CompletableFuture<HttpResponse<String>> f : slow) assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
    }

    // ---- helpers ----

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder authed(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    /** Asserts a catalogue error response and returns its body. */
    private static JsonNode assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = json(r);
        assertEquals(status, body.get("status").asInt());
        assertEquals(code, body.get("code").asText());
        assertFalse(body.get("error").asText().isBlank());
        return body;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Writes bytes on a fresh connection and reads until the server closes it (or 10 s pass). */
    private static String raw(byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            InputStream is = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = is.read(buf)) >= 0; ) in.write(buf, 0, n);
            } catch (SocketException e) {
                // reset by the server after its answer: what arrived is what counts
            }
            return in.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
