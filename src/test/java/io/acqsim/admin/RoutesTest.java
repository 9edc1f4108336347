package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutesTest {
    private static final Handler ONE = r -> AdminResponse.noContent();
    private static final Handler TWO = r -> AdminResponse.noContent();

    private final Routes routes = Routes.builder()
            .open().get("/", ONE)
            .open().get("/health", ONE)
            .get("/api/faults/{id}", ONE)
            .delete("/api/faults/{fault}", TWO)
            .post("/api/faults/reset", TWO)
            .put("/api/merchants/{mid}/account", ONE)
            .build();

    @Test
    void parametersAreDecodedAndNamedPerRoute() {
        var get = assertInstanceOf(Routes.Found.class, routes.resolve("GET", "/api/faults/f%2F1"));
        assertEquals(Map.of("id", "f/1"), get.params());
        var delete = assertInstanceOf(Routes.Found.class, routes.resolve("DELETE", "/api/faults/a+b"));
        assertEquals(Map.of("fault", "a+b"), delete.params());
        assertSame(TWO, delete.route().handler());
    }

    @Test
    void openAppliesToTheNextRouteOnly() {
        assertTrue(assertInstanceOf(Routes.Found.class, routes.resolve("GET", "/health")).route().open());
        assertTrue(assertInstanceOf(Routes.Found.class, routes.resolve("GET", "/")).route().open());
        assertFalse(assertInstanceOf(Routes.Found.class, routes.resolve("GET", "/api/faults/1")).route().open());
    }

    @Test
    void literalBeatsParameterWhateverTheOrderOfRegistration() {
        var reset = assertInstanceOf(Routes.Found.class, routes.resolve("POST", "/api/faults/reset"));
        assertEquals("/api/faults/reset", reset.route().pattern().toString());
        var wrong = assertInstanceOf(Routes.WrongMethod.class, routes.resolve("GET", "/api/faults/reset"));
        assertEquals(List.of("POST"), wrong.allowed());
    }

    @Test
    void wrongMethodListsTheAllowedOnesSorted() {
        var wrong = assertInstanceOf(Routes.WrongMethod.class, routes.resolve("PATCH", "/api/faults/7"));
        assertEquals(List.of("DELETE", "GET"), wrong.allowed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/faults", "/api/faults/", "/api/faults/1/x", "/health/", "//health", "/api/merchants//account"})
    void pathsNoRouteMatchesAreNotFound(String path) {
        assertInstanceOf(Routes.NotFound.class, routes.resolve("GET", path));
    }

    @Test
    void aBrokenEscapeIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> routes.resolve("GET", "/api/faults/%zz"));
        assertEquals(ApiError.BAD_REQUEST, e.error());
    }

    @Test
    void sameMethodAndShapeTwiceIsRefused() {
        var b = Routes.builder().get("/api/payouts/{id}", ONE).get("/api/payouts/{payout}", TWO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("route GET /api/payouts/{payout} clashes with GET /api/payouts/{id}", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/x", "/api/{id", "/api/x{id}", "/api/{id}/{id}", "/api/{1d}", "/api?x=1"})
    void badPatternsAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> Routes.builder().get(pattern, ONE));
    }
}
