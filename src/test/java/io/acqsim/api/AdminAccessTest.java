package io.acqsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.acqsim.admin.AdminToken;
import io.acqsim.admin.Routes;
import io.acqsim.host.TestHost;

/**
 * Walks every route of the host's admin API: only GET /health and GET /metrics answer without the
 * token; every other route, whatever its method, answers 401 without it and something else with it.
 */
class AdminAccessTest {
    private static final Set<String> OPEN = Set.of("GET /health", "GET /metrics");

    static TestHost host;
    static String token;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        host = TestHost.start(TestHost.tempData());
        token = Files.readString(host.dataDir().resolve(AdminToken.FILE)).strip();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    private static List<Routes.Endpoint> endpoints() {
        return new AdminApi(host.services(), Map.of("cup", host.port(io.acqsim.iso.Profile.CUP))).routes().endpoints();
    }

    private static HttpResponse<String> call(Routes.Endpoint e, String bearer) throws Exception {
        String path = e.pattern().replaceAll("\\{[^}]+}", "x");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.adminPort() + path)).timeout(Duration.ofSeconds(30))
                .method(e.method(), e.method().equals("GET") || e.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyHealthAndMetricsAreOpen() {
        Set<String> open = endpoints().stream().filter(Routes.Endpoint::open).map(e -> e.method() + " " + e.pattern()).collect(Collectors.toSet());
        assertEquals(OPEN, open);
        assertTrue(endpoints().size() > 15, "the walk sees the whole table: " + endpoints());
    }

    @Test
    void everyOtherRouteAnswers401WithoutTheTokenAndNot401WithIt() throws Exception {
        for (Routes.Endpoint e : endpoints()) {
            if (e.method().equals("POST") && e.pattern().equals("/api/settlement/run")) continue;   // with the token it would settle: the 401 is checked below
            String route = e.method() + " " + e.pattern();
            int without = call(e, null).statusCode();
            if (OPEN.contains(route)) {
                assertEquals(200, without, route);
                continue;
            }
            assertEquals(401, without, route + " without the token");
            assertEquals(401, call(e, "not-" + token).statusCode(), route + " with a wrong token");
            assertNotEquals(401, call(e, token).statusCode(), route + " with the token");
        }
        Routes.Endpoint settle = endpoints().stream().filter(e -> e.pattern().equals("/api/settlement/run")).findFirst().orElseThrow();
        assertEquals(401, call(settle, null).statusCode());
    }
}
