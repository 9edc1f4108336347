package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The token check: the right token passes wherever it may travel; a wrong one (same length, shorter,
 * longer, a prefix, an extension) is a WRONG_TOKEN, which the server slows down; no token at all is
 * NO_TOKEN. The comparison itself is {@code MessageDigest.isEqual} with the token first, whose time
 * depends on the token's length only.
 */
class AdminAuthTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private final AdminAuth auth = new AdminAuth(TOKEN);

    private static AdminRequest request(String method, String uri, Map<String, String> headers) {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return AdminRequest.of(method, uri, h, new byte[0]);
    }

    @Test
    void theRightTokenMatchesAndPassesAsBearerCookieOrQuery() {
        assertTrue(auth.matches(TOKEN));
        assertEquals(AdminAuth.Verdict.ALLOWED, auth.check(request("POST", "/api/x", Map.of("Authorization", "Bearer " + TOKEN))));
        assertEquals(AdminAuth.Verdict.ALLOWED, auth.check(request("GET", "/api/x", Map.of("Cookie", AdminAuth.COOKIE + "=" + TOKEN))));
        assertEquals(AdminAuth.Verdict.ALLOWED_SET_COOKIE, auth.check(request("GET", "/?token=" + TOKEN, Map.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0123456789abcdef0123456789abcdeF",     // same length, last byte differs
            "x123456789abcdef0123456789abcdef",     // same length, first byte differs
            "0123456789abcdef0123456789abcde",      // a prefix: one byte short
            "0123456789abcdef0123456789abcdef0",    // the token and one byte more
            "0",                                    // far shorter
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})   // twice as long
    void aWrongTokenOfAnyLengthDoesNotMatchAndIsAWrongToken(String guess) {
        assertFalse(auth.matches(guess));
        assertEquals(AdminAuth.Verdict.WRONG_TOKEN, auth.check(request("GET", "/api/x", Map.of("Authorization", "Bearer " + guess))));
        assertEquals(AdminAuth.Verdict.WRONG_TOKEN, auth.check(request("GET", "/api/x", Map.of("Cookie", AdminAuth.COOKIE + "=" + guess))));
        assertEquals(AdminAuth.Verdict.WRONG_TOKEN, auth.check(request("GET", "/?token=" + guess, Map.of())));
    }

    @Test
    void noTokenAtAllIsNoToken() {
        assertEquals(AdminAuth.Verdict.NO_TOKEN, auth.check(request("GET", "/api/x", Map.of())));
        assertEquals(AdminAuth.Verdict.NO_TOKEN, auth.check(request("GET", "/api/x", Map.of("Authorization", "Basic " + TOKEN))),
                "not a bearer token");
        assertEquals(AdminAuth.Verdict.NO_TOKEN, auth.check(request("POST", "/api/x?token=" + TOKEN, Map.of())),
                "the query token counts on a GET only");
    }

    @Test
    void theRightCookieWinsOverAWrongBearer() {
        assertEquals(AdminAuth.Verdict.ALLOWED, auth.check(request("GET", "/api/x",
                Map.of("Authorization", "Bearer wrong", "Cookie", AdminAuth.COOKIE + "=" + TOKEN))));
    }
}
