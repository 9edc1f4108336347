package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What a handler sees of a request, and what it can answer. */
class AdminRequestTest {
    private final AdminRequest request = AdminRequest.of("get", "/api/payouts?merchant=&status=PAID&status=HELD&q=a+b%26c",
            Map.of("X-Trace", List.of("t1", "t2"), "Cookie", List.of("theme=dark; acqsim_token=abc"),
                    "Content-Type", List.of("Application/JSON; charset=utf-8")),
            "héllo".getBytes(StandardCharsets.UTF_8));

    @Test
    void queryParameters() {
        assertEquals(Optional.empty(), request.query("merchant"), "an empty value filters nothing");
        assertEquals(List.of(""), request.queryAll("merchant"));
        assertEquals(Optional.of("PAID"), request.query("status"));
        assertEquals(List.of("PAID", "HELD"), request.queryAll("status"));
        assertEquals(Optional.of("a b&c"), request.query("q"));
        assertEquals(List.of(), request.queryAll("missing"));
    }

    @Test
    void headersCookiesAndBody() {
        assertEquals("GET", request.method());
        assertEquals("/api/payouts", request.path());
        assertEquals(Optional.of("t1"), request.header("x-trace"));
        assertEquals(List.of("t1", "t2"), request.headers("X-TRACE"));
        assertEquals(Optional.of("abc"), request.cookie("acqsim_token"));
        assertEquals(Optional.of("application/json"), request.contentType());
        assertEquals("héllo", request.bodyText());
        assertEquals(6, request.body().length);
    }

    @Test
    void anUndeclaredPathParameterIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> request.pathParam("id"));
        assertEquals("7", request.withPathParams(Map.of("id", "7")).pathParam("id"));
    }

    @Test
    void responses() {
        AdminResponse none = AdminResponse.noContent();
        assertEquals(204, none.status());
        assertNull(none.header("Content-Length"));
        assertNull(none.contentType());

        AdminResponse csv = AdminResponse.text("text/csv", "a,b\n").withHeader("Content-Disposition", "attachment; filename=x.csv");
        assertEquals("text/csv; charset=utf-8", csv.contentType());
        assertEquals("4", csv.headers().get("Content-Length"));
        assertEquals("attachment; filename=x.csv", csv.header("content-disposition"));
        assertThrows(IllegalArgumentException.class, () -> csv.withHeader("Content-Length", "1"));

        AdminResponse error = AdminResponse.error(ApiError.UNKNOWN_PAYOUT, "no payout 42");
        assertEquals(404, error.status());
        assertEquals("{\"error\":\"no payout 42\",\"status\":404,\"code\":\"UNKNOWN_PAYOUT\"}", new String(error.body(), StandardCharsets.UTF_8));
    }
}
