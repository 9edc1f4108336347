package io.acqsim.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Passes an admin request on to another host's admin API (a node of the same cluster) and brings its answer back:
 * same method, path, query and body, and the caller's own credentials ({@code Authorization}, the session cookie
 * and the CSRF header), so the other host checks the caller as it would have had the caller asked it directly: the
 * nodes of a cluster must share one admin token (ACQSIM_ADMIN_TOKEN). The request carries {@value #FORWARDED_BY}
 * with this node's name, and a host never forwards a request that carries it: a request travels one hop at most.
 * The answer comes back with {@value #ANSWERED_BY} naming the node that answered.
 * <p>
 * Connections are opened within {@link #CONNECT_TIMEOUT}; each call says how long its answer may take. The JDK's
 * client behind it keeps no thread of its own once the forwarder is no longer referenced, so it needs no closing.
 */
public final class Forwarder {
    /** Marks a forwarded request, with the name of the node that forwarded it. */
    public static final String FORWARDED_BY = "X-Acqsim-Forwarded-By";
    /** Names the node whose answer a forwarded request got. */
    public static final String ANSWERED_BY = "X-Acqsim-Answered-By";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final List<String> PASSED_ON = List.of("Authorization", "Cookie", AdminAuth.CSRF_HEADER, "Content-Type", "Accept");

    /** No answer came from the other host: it refused the connection, the connection broke, or the time ran out. */
    public static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String self;
    private final HttpClient http;

    /** @param self this node's name, sent in {@value #FORWARDED_BY} */
    public Forwarder(String self) {
        this.self = self;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether {@code r} was forwarded to this host by another node (and so must not be forwarded again). */
    public static boolean forwarded(AdminRequest r) {
        return r.header(FORWARDED_BY).isPresent();
    }

    /**
     * The answer of the host at {@code address} ({@code host:port}, as a node registers its admin API) to {@code r},
     * whatever its status, with {@value #ANSWERED_BY} set to {@code node}.
     *
     * @throws Unreachable when no answer came within {@code timeout}, naming the node and address
     */
    public AdminResponse forward(AdminRequest r, String node, String address, Duration timeout) throws Unreachable {
        try {
            return start(r, node, address, timeout).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Unreachable u) throw u;
            throw e;
        }
    }

    /** As {@link #forward}, without waiting: the future fails with {@link Unreachable}. */
    public CompletableFuture<AdminResponse> start(AdminRequest r, String node, String address, Duration timeout) {
        return start(r, Map.of(), node, address, timeout);
    }

    /** As {@link #start(AdminRequest, String, String, Duration)}, with {@code headers} added to the request passed on. */
    public CompletableFuture<AdminResponse> start(AdminRequest r, Map<String, String> headers, String node, String address, Duration timeout) {
        HttpRequest request;
        try {
            request = request(r, headers, address, timeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new Unreachable("node " + node + " registered an unusable admin address '" + address + "'", e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((answer, failure) -> {
            if (failure != null) throw new CompletionException(unreachable(node, address, timeout, failure));
            return AdminResponse.of(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body())
                    .withHeader(ANSWERED_BY, node);
        });
    }

    private HttpRequest request(AdminRequest r, Map<String, String> headers, String address, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + hostAndPort(address) + r.path() + query(r.queryParams())))
                .timeout(timeout)
                .method(r.method(), r.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()))
                .header(FORWARDED_BY, self);
        for (String name : PASSED_ON) {
            for (String value : r.headers(name)) b.header(name, value);
        }
        headers.forEach(b::header);
        return b.build();
    }

    /** {@code host:port} as a URI authority: an IPv6 literal in brackets. */
    static String hostAndPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("no port in '" + address + "'");
        String host = address.substring(0, colon);
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" + address.substring(colon) : address;
    }

    private static String query(Map<String, List<String>> params) {
        if (params.isEmpty()) return "";
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((name, values) -> values.forEach(v -> q.add(encode(name) + "=" + encode(v))));
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Unreachable unreachable(String node, String address, Duration timeout, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                : cause instanceof IOException ? (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                : cause.toString();
        return new Unreachable("node " + node + " (admin API " + address + ") did not answer: " + why, cause);
    }
}
