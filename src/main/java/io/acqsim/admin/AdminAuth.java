package io.acqsim.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the admin token on a request. A request is let in when any of these carries the token:
 * <ul>
 *   <li>{@code Authorization: Bearer TOKEN} (the CLI, curl);</li>
 *   <li>the cookie {@value #COOKIE} (a browser, after its first visit);</li>
 *   <li>{@code ?token=TOKEN} on a GET (a browser's first visit): then the answer sets the cookie, so the
 *       link works once and the browser needs nothing more.</li>
 * </ul>
 * Comparisons take the same time whatever the guess, so the token cannot be found byte by byte.
 */
public final class AdminAuth {
    public static final String COOKIE = "acqsim_token";
    public static final String QUERY = "token";

    /** Whether a request may pass, and whether its answer should set the cookie. */
    enum Verdict { DENIED, ALLOWED, ALLOWED_SET_COOKIE }

    private final byte[] token;
    private final String cookie;

    public AdminAuth(String token) {
        if (Objects.requireNonNull(token, "token").isBlank()) throw new IllegalArgumentException("the admin token is blank");
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.cookie = setCookie(token);
    }

    Verdict check(AdminRequest r) {
        if (r.method().equals("GET") && r.query(QUERY).filter(this::matches).isPresent()) return Verdict.ALLOWED_SET_COOKIE;
        if (bearer(r).filter(this::matches).isPresent()) return Verdict.ALLOWED;
        if (r.cookie(COOKIE).filter(this::matches).isPresent()) return Verdict.ALLOWED;
        return Verdict.DENIED;
    }

    /** The Set-Cookie value that logs a browser in, e.g. for a login form's answer. */
    public String setCookieHeader() {
        return cookie;
    }

    /** {@code acqsim_token=TOKEN; Path=/; HttpOnly; SameSite=Strict}: no script can read it, no other site send it. */
    public static String setCookie(String token) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> bearer(AdminRequest r) {
        return r.header("Authorization")
                .map(String::strip)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
    }
}
