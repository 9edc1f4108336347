package io.acqsim.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JacksonException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import io.acqsim.json.Json;

/**
 * One admin API request, fully read and immutable: handlers get it on their own (virtual) thread and
 * may keep it. Header names are case-insensitive. Nothing of Netty shows through.
 */
public final class AdminRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, String> pathParams;
    private final String csrfToken;

    private AdminRequest(String method, String path, Map<String, List<String>> query,
                         Map<String, List<String>> headers, byte[] body, Map<String, String> pathParams, String csrfToken) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.pathParams = pathParams;
        this.csrfToken = csrfToken;
    }

    /**
     * A request as it came off the wire: {@code uri} is the request target ({@code /api/x?a=1}, still
     * percent-encoded), {@code headers} by name (any case). Used by the server, and by tests that call
     * a handler directly.
     */
    public static AdminRequest of(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        QueryStringDecoder qs = new QueryStringDecoder(uri);
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> h.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        h.replaceAll((name, values) -> List.copyOf(values));
        Map<String, List<String>> q = new LinkedHashMap<>();
        qs.parameters().forEach((name, values) -> q.put(name, List.copyOf(values)));
        return new AdminRequest(method.toUpperCase(Locale.ROOT), qs.rawPath(), Collections.unmodifiableMap(q),
                Collections.unmodifiableMap(h), body.clone(), Map.of(), "");
    }

    /** The same request with the path parameters of the route it matched. */
    AdminRequest withPathParams(Map<String, String> params) {
        return new AdminRequest(method, path, query, headers, body, Map.copyOf(params), csrfToken);
    }

    /** The same request, let in by the token check, with the CSRF token its answer may hand to a page. */
    AdminRequest withCsrfToken(String token) {
        return new AdminRequest(method, path, query, headers, body, pathParams, token);
    }

    /**
     * The token a page served in answer to this request sends back in {@value AdminAuth#CSRF_HEADER}
     * with its writes (see {@link AdminAuth}); empty on a request no token check let in (an open route,
     * or one a test made with {@link #of}).
     */
    public String csrfToken() { return csrfToken; }

    /** GET, POST, PUT, DELETE, ... in upper case. */
    public String method() { return method; }

    /** The path as sent, still percent-encoded, without the query: {@code /api/payouts/42}. */
    public String path() { return path; }

    /**
     * The decoded value of a {@code {name}} segment of the matched route.
     * @throws IllegalArgumentException when the route declares no such parameter (a programming error)
     */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) throw new IllegalArgumentException("route of " + method + " " + path + " has no path parameter {" + name + "}");
        return v;
    }

    /** The first value of a query parameter; absent when missing or empty ({@code ?merchant=} filters nothing). */
    public Optional<String> query(String name) {
        return queryAll(name).stream().filter(v -> !v.isEmpty()).findFirst();
    }

    /** Every value of a query parameter, in order, empty ones included; an empty list when missing. */
    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** All query parameters, decoded, in order of first appearance. */
    public Map<String, List<String>> queryParams() { return query; }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** Every value of a header; an empty list when missing. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** A cookie's value from the Cookie header(s). */
    public Optional<String> cookie(String name) {
        for (String header : headers("Cookie")) {
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (c.name().equals(name)) return Optional.of(c.value());
            }
        }
        return Optional.empty();
    }

    /** The media type of the body without parameters, lower case: {@code application/json}. */
    public Optional<String> contentType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty());
    }

    /** The raw body; empty when none was sent. */
    public byte[] body() { return body.clone(); }

    public String bodyText() { return new String(body, StandardCharsets.UTF_8); }

    /**
     * The body read as JSON into {@code type} (a record, usually) with {@link Json#mapper()}.
     * A body without Content-Type is taken as JSON.
     * @throws ApiException BAD_JSON naming what was wrong (empty body, malformed JSON with its line and
     *         column, unknown property, wrong type with the field's path); UNSUPPORTED_MEDIA_TYPE when the
     *         Content-Type says it is something else
     */
    public <T> T json(Class<T> type) {
        contentType().filter(ct -> !ct.equals("application/json") && !ct.endsWith("+json")).ifPresent(ct -> {
            throw new ApiException(ApiError.UNSUPPORTED_MEDIA_TYPE, "expected a JSON body (Content-Type: application/json), got " + ct);
        });
        if (bodyText().isBlank()) throw new ApiException(ApiError.BAD_JSON, "the request body is empty; expected a JSON " + type.getSimpleName());
        T value;
        try {
            value = Json.mapper().readValue(body, type);
        } catch (JacksonException e) {
            throw JsonProblem.of(e);
        } catch (IOException e) {
            throw new ApiException(ApiError.BAD_JSON, "unreadable request body: " + e.getMessage());
        }
        if (value == null) throw new ApiException(ApiError.BAD_JSON, "the request body is null; expected a JSON " + type.getSimpleName());
        return value;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
