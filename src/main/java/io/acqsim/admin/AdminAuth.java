package io.acqsim.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the admin token on a request. A request is let in when any of these carries the token:
 * <ul>
 *   <li>{@code Authorization: Bearer TOKEN} (the CLI, curl);</li>
 *   <li>the cookie {@value #COOKIE} (a browser, after its first visit);</li>
 *   <li>{@code ?token=TOKEN} on a GET (a browser's first visit): then the answer sets the cookie, so the
 *       link works once and the browser needs nothing more.</li>
 * </ul>
 * Comparisons take the same time whatever the guess, so the token cannot be found byte by byte; the
 * server logs each wrong token (address and route, never the token) and slows the answers to an address
 * that keeps guessing ({@link FailedAttempts}).
 * <p>
 * The cookie alone lets a browser read, not write: a POST, PUT or DELETE authenticated by the cookie
 * also needs {@value #CSRF_HEADER} with the {@linkplain #csrfToken() CSRF token}, which the dashboard
 * page carries and its script sends. A page on another site can neither read that token (the
 * same-origin policy) nor compute it (it is an HMAC of the admin token), so it cannot move the clock or
 * load a scenario through a visitor's browser even where the browser would send the cookie. Requests
 * with the bearer header (the CLI, curl, API clients) need nothing more. The CSRF token depends only on
 * the admin token, so an open page keeps working across host restarts with the same token.
 */
public final class AdminAuth {
    public static final String COOKIE = "acqsim_token";
    public static final String QUERY = "token";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Methods that change nothing, so the cookie alone may call them. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * Whether a request may pass, and whether its answer should set the cookie; a cookie-only write lacks
     * the CSRF token; a request that carries no token at all (NO_TOKEN) or only wrong ones (WRONG_TOKEN,
     * a guess, which the server logs and slows down).
     */
    enum Verdict { NO_TOKEN, WRONG_TOKEN, ALLOWED, ALLOWED_SET_COOKIE, CSRF_TOKEN_MISSING }

    private final byte[] token;
    private final String cookie;
    private final String csrfToken;

    public AdminAuth(String token) {
        if (Objects.requireNonNull(token, "token").isBlank()) throw new IllegalArgumentException("the admin token is blank");
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.cookie = setCookie(token);
        this.csrfToken = hmac(this.token, "acqsim dashboard csrf v1");
    }

    Verdict check(AdminRequest r) {
        Optional<String> query = r.method().equals("GET") ? r.query(QUERY) : Optional.empty();
        if (query.filter(this::matches).isPresent()) return Verdict.ALLOWED_SET_COOKIE;
        Optional<String> bearer = bearer(r);
        if (bearer.filter(this::matches).isPresent()) return Verdict.ALLOWED;
        Optional<String> cookie = r.cookie(COOKIE);
        if (cookie.filter(this::matches).isPresent()) {
            return SAFE_METHODS.contains(r.method()) || r.header(CSRF_HEADER).filter(this::isCsrfToken).isPresent()
                    ? Verdict.ALLOWED : Verdict.CSRF_TOKEN_MISSING;
        }
        return query.isPresent() || bearer.isPresent() || cookie.isPresent() ? Verdict.WRONG_TOKEN : Verdict.NO_TOKEN;
    }

    /** The token a page sends in {@value #CSRF_HEADER} with its writes: 64 hex digits, HMAC-SHA256 of a fixed label keyed by the admin token. */
    public String csrfToken() {
        return csrfToken;
    }

    /** The Set-Cookie value that logs a browser in, e.g. for a login form's answer. */
    public String setCookieHeader() {
        return cookie;
    }

    /** {@code acqsim_token=TOKEN; Path=/; HttpOnly; SameSite=Strict}: no script can read it, no other site send it. */
    public static String setCookie(String token) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /**
     * Compares in constant time: {@link MessageDigest#isEqual} looks at every byte of the token (its first
     * argument) whatever the candidate's bytes or length, so the time tells neither how much of a guess was
     * right nor how long the token is.
     */
    boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private boolean isCsrfToken(String candidate) {
        return MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII), candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(label.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Optional<String> bearer(AdminRequest r) {
        return r.header("Authorization")
                .map(String::strip)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
    }
}
