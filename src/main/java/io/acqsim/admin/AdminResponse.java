package io.acqsim.admin;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.acqsim.json.Json;

/**
 * What a handler answers: status, body and headers. Immutable; {@link #withHeader} returns a copy.
 * The body is encoded when the response is made (JSON through {@link Json#mapper()}), so a value that
 * cannot be written fails inside the handler and becomes a 500. Content-Length is always the body's
 * length; it is not a header handlers set.
 */
public final class AdminResponse {
    public static final String JSON = "application/json";

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers;   // without Content-Length, which follows the body

    private AdminResponse(int status, byte[] body, Map<String, String> headers) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("HTTP status out of range: " + status);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** 200 with {@code value} as JSON. */
    public static AdminResponse json(Object value) {
        return json(200, value);
    }

    /** {@code status} with {@code value} as JSON. */
    public static AdminResponse json(int status, Object value) {
        try {
            return new AdminResponse(status, Json.mapper().writeValueAsBytes(value), contentType(JSON));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass().getName()) + " as JSON", e);
        }
    }

    /**
     * 200 with a text body in UTF-8, for CSV, HTML or Prometheus text; {@code ; charset=utf-8} is added
     * to {@code contentType} unless it names a charset.
     */
    public static AdminResponse text(String contentType, String body) {
        String ct = contentType.toLowerCase(Locale.ROOT).contains("charset=") ? contentType : contentType + "; charset=utf-8";
        return new AdminResponse(200, body.getBytes(StandardCharsets.UTF_8), contentType(ct));
    }

    /**
     * {@code status} with {@code body} as it is, of type {@code contentType} (null: none), e.g. the answer of another
     * host passed on.
     */
    public static AdminResponse of(int status, String contentType, byte[] body) {
        return new AdminResponse(status, body.clone(), contentType == null ? newHeaders() : contentType(contentType));
    }

    /** 204 without a body. */
    public static AdminResponse noContent() {
        return new AdminResponse(204, new byte[0], newHeaders());
    }

    /** The catalogue's error body: {@code {"error": message, "status": N, "code": "NAME"}}. */
    public static AdminResponse error(ApiError error, String message) {
        return json(error.status(), new ErrorBody(message == null ? error.defaultMessage() : message, error.status(), error.name()));
    }

    static AdminResponse error(ApiException e) {
        return error(e.error(), e.getMessage());
    }

    /** This response with one more header (replacing one of the same name); not Content-Length. */
    public AdminResponse withHeader(String name, String value) {
        if (name.equalsIgnoreCase("Content-Length")) throw new IllegalArgumentException("Content-Length follows the body");
        Map<String, String> h = newHeaders();
        h.putAll(headers);
        h.put(name, Objects.requireNonNull(value, "value"));
        return new AdminResponse(status, body, h);
    }

    /** The same body and headers with another status (e.g. 201 for a JSON body). */
    public AdminResponse withStatus(int status) {
        return new AdminResponse(status, body, headers);
    }

    public int status() { return status; }

    public byte[] body() { return body.clone(); }

    /** The body length, as sent in Content-Length. */
    public int contentLength() { return body.length; }

    /** The Content-Type, or null for a response without a body. */
    public String contentType() { return headers.get("Content-Type"); }

    /** A header by case-insensitive name, or null; Content-Length included. */
    public String header(String name) {
        if (name.equalsIgnoreCase("Content-Length")) return status == 204 ? null : String.valueOf(body.length);
        return headers.get(name);
    }

    /** Every header to send, Content-Length included (except on 204, which has no body). */
    public Map<String, String> headers() {
        Map<String, String> all = newHeaders();
        all.putAll(headers);
        if (status != 204) all.put("Content-Length", String.valueOf(body.length));
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, String> contentType(String ct) {
        Map<String, String> h = newHeaders();
        h.put("Content-Type", ct);
        return h;
    }

    private static TreeMap<String, String> newHeaders() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    @Override
    public String toString() {
        return status + " " + Objects.requireNonNullElse(contentType(), "") + " (" + body.length + " bytes)";
    }

    /** The body of every error response; the field order is part of the API. */
    record ErrorBody(String error, int status, String code) {}
}
