package io.acqsim.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.acqsim.json.Json;

/**
 * The admin API as the CLI sees it: one call per request, JSON in and out.
 * <pre>{@code
 * var admin = new AdminClient(URI.create("http://127.0.0.1:8780"), token);
 * JsonNode clock = admin.post("/api/clock/advance", Map.of("by", "PT36H"));
 * }</pre>
 * A JSON answer comes back as a JsonNode, any other as a TextNode of its text ({@link #getText} gives
 * the raw text), a 204 as a MissingNode. Every failure is a {@link Failure} whose message a user can
 * read: the server's own error message for a non-2xx answer, or what went wrong on the way.
 */
public final class AdminClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /** With a 10-minute answer timeout, long enough for a clock advance over weeks of jobs. */
    public AdminClient(URI base, String token) {
        this(base, token, DEFAULT_TIMEOUT);
    }

    /** {@code token} may be null for open routes only. */
    public AdminClient(URI base, String token, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base").toString().replaceAll("/+$", "");
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    public JsonNode get(String path) {
        return node(send("GET", path, HttpRequest.BodyPublishers.noBody(), null));
    }

    /** The raw text of a GET answer: CSV, HTML, Prometheus text. */
    public String getText(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null).body();
    }

    /** POST with {@code body} written as JSON (null: no body). */
    public JsonNode post(String path, Object body) {
        return json("POST", path, body);
    }

    /** POST with a body of another type, e.g. a YAML scenario as {@code application/yaml}. */
    public JsonNode post(String path, String body, String contentType) {
        return node(send("POST", path, HttpRequest.BodyPublishers.ofString(body), contentType));
    }

    /** PUT with {@code body} written as JSON (null: no body). */
    public JsonNode put(String path, Object body) {
        return json("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return node(send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null));
    }

    private JsonNode json(String method, String path, Object body) {
        if (body == null) return node(send(method, path, HttpRequest.BodyPublishers.noBody(), null));
        try {
            byte[] bytes = Json.mapper().writeValueAsBytes(body);
            return node(send(method, path, HttpRequest.BodyPublishers.ofByteArray(bytes), AdminResponse.JSON));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getName() + " as JSON", e);
        }
    }

    /** Sends one request; a 2xx answer is returned, anything else is a Failure. */
    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("admin API path must start with '/': " + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).method(method, body);
        if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        b.header("Accept", "application/json, text/*;q=0.5");
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new Failure(0, null, "no acqsim host answering at " + base + " (is `bin/acqsim run` running?)", e);
        } catch (HttpTimeoutException e) {
            throw new Failure(0, null, "no answer from " + base + " to " + method + " " + path + " within " + timeout, e);
        } catch (IOException e) {
            throw new Failure(0, null, "lost the connection to " + base + " during " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, null, "interrupted while waiting for " + method + " " + path, e);
        }
        if (response.statusCode() / 100 != 2) throw failure(method, path, response);
        return response;
    }

    private static Failure failure(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        try {
            JsonNode body = Json.mapper().readTree(response.body());
            if (body != null && body.hasNonNull("error")) {
                return new Failure(status, body.path("code").asText(null), body.get("error").asText(), null);
            }
        } catch (JsonProcessingException e) {
            // not an answer of the catalogue: report the status and text below
        }
        String text = response.body() == null ? "" : response.body().strip();
        return new Failure(status, null, method + " " + path + ": HTTP " + status + (text.isEmpty() ? "" : ": " + text), null);
    }

    private static JsonNode node(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isEmpty()) return MissingNode.getInstance();
        String ct = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!ct.startsWith(AdminResponse.JSON) && !ct.contains("+json")) return TextNode.valueOf(body);
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new Failure(response.statusCode(), null, "the host answered with unreadable JSON: " + JsonProblem.clean(e.getOriginalMessage()), e);
        }
    }

    /**
     * A request that did not succeed. {@link #status()} is the HTTP status, 0 when no answer came;
     * {@link #code()} the catalogue code ({@code CLOCK_BACKWARDS}) when the server gave one; the
     * message is the server's {@code error} text, or what went wrong on the way.
     */
    public static final class Failure extends RuntimeException {
        private final int status;
        private final String code;

        Failure(int status, String code, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.code = code;
        }

        public int status() { return status; }

        /** The catalogue code, or null. */
        public String code() { return code; }
    }
}
