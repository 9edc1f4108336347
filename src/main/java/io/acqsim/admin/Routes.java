package io.acqsim.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The admin API's route table, immutable once built:
 * <pre>{@code
 * Routes routes = Routes.builder()
 *         .open().get("/health", r -> AdminResponse.json(Map.of("status", "up")))
 *         .get("/api/payouts/{id}", payouts::one)
 *         .post("/api/clock/advance", clock::advance)
 *         .build();
 * }</pre>
 * Every route needs the admin token unless registered through {@link Builder#open()}, which applies
 * to the one route registered right after it. A path no route matches is a 404; a path some route
 * matches with another method is a 405 listing the allowed methods.
 */
public final class Routes {
    /** A registered endpoint. */
    record Route(String method, RoutePattern pattern, Handler handler, boolean open) {}

    /** What a request's method and path lead to. */
    sealed interface Resolution {}

    record Found(Route route, Map<String, String> params) implements Resolution {}

    record WrongMethod(List<String> allowed) implements Resolution {}

    record NotFound() implements Resolution {}

    /** A route as its table lists it: method, path pattern, and whether it is open (needs no token). */
    public record Endpoint(String method, String pattern, boolean open) {}

    /** Route shapes, most specific first; each with its routes by method. */
    private final List<Map<String, Route>> byShape;

    private Routes(List<Map<String, Route>> byShape) {
        this.byShape = byShape;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every route, most specific shape first, methods in alphabetical order. */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (Map<String, Route> shape : byShape) {
            new TreeSet<>(shape.keySet()).forEach(m -> {
                Route r = shape.get(m);
                out.add(new Endpoint(r.method(), r.pattern().toString(), r.open()));
            });
        }
        return List.copyOf(out);
    }

    /**
     * The most specific route shape matching {@code rawPath} decides: its route for {@code method},
     * else a 405 with its methods.
     * @throws ApiException BAD_REQUEST for a path with a broken percent-escape
     */
    Resolution resolve(String method, String rawPath) {
        List<String> segments = RoutePattern.split(rawPath);
        for (Map<String, Route> shape : byShape) {
            Route any = shape.values().iterator().next();
            if (any.pattern().match(segments) == null) continue;
            Route route = shape.get(method.toUpperCase(Locale.ROOT));
            if (route == null) return new WrongMethod(List.copyOf(new TreeSet<>(shape.keySet())));
            return new Found(route, route.pattern().match(segments));
        }
        return new NotFound();
    }

    /** Collects routes; {@link #build()} checks that no method and path shape is registered twice. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        public Builder get(String pattern, Handler handler) { return route("GET", pattern, handler); }

        public Builder post(String pattern, Handler handler) { return route("POST", pattern, handler); }

        public Builder put(String pattern, Handler handler) { return route("PUT", pattern, handler); }

        public Builder delete(String pattern, Handler handler) { return route("DELETE", pattern, handler); }

        /** A route that needs the admin token. */
        public Builder route(String method, String pattern, Handler handler) {
            return add(method, pattern, handler, false);
        }

        /** The next route registered needs no token: {@code .open().get("/health", h)}. */
        public Open open() {
            return new Open(this);
        }

        /** @throws IllegalArgumentException when a method and path shape is registered twice */
        public Routes build() {
            Map<String, Map<String, Route>> shapes = new LinkedHashMap<>();
            for (Route r : routes) {
                Route previous = shapes.computeIfAbsent(r.pattern().shape(), s -> new LinkedHashMap<>()).putIfAbsent(r.method(), r);
                if (previous != null) {
                    throw new IllegalArgumentException("route " + r.method() + " " + r.pattern() + " clashes with " + previous.method() + " " + previous.pattern());
                }
            }
            List<Map<String, Route>> ordered = new ArrayList<>(shapes.values().stream().map(Map::copyOf).toList());
            ordered.sort(Comparator.comparing(shape -> shape.values().iterator().next().pattern()));
            return new Routes(List.copyOf(ordered));
        }

        private Builder add(String method, String pattern, Handler handler, boolean open) {
            Objects.requireNonNull(handler, "handler");
            String m = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            if (!m.matches("[A-Z]+")) throw new IllegalArgumentException("bad HTTP method: " + method);
            routes.add(new Route(m, RoutePattern.parse(pattern), handler, open));
            return this;
        }
    }

    /** Registers exactly one route that needs no token, then returns to the builder. */
    public static final class Open {
        private final Builder builder;

        private Open(Builder builder) {
            this.builder = builder;
        }

        public Builder get(String pattern, Handler handler) { return route("GET", pattern, handler); }

        public Builder post(String pattern, Handler handler) { return route("POST", pattern, handler); }

        public Builder put(String pattern, Handler handler) { return route("PUT", pattern, handler); }

        public Builder delete(String pattern, Handler handler) { return route("DELETE", pattern, handler); }

        public Builder route(String method, String pattern, Handler handler) {
            return builder.add(method, pattern, handler, true);
        }
    }
}
