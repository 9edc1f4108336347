package io.acqsim.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * A route's path: literal segments and {@code {name}} parameters, e.g. {@code /api/payouts/{id}}.
 * A parameter matches one non-empty segment, percent-decoded; literals match exactly. Where two
 * patterns match a path, the one with a literal at the first segment they differ wins, so
 * {@code /api/faults/reset} beats {@code /api/faults/{id}}.
 */
final class RoutePattern implements Comparable<RoutePattern> {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern LITERAL = Pattern.compile("[^{}/?#]+");

    private final String text;
    private final List<String> segments;   // a parameter is stored as its name, flagged in params
    private final boolean[] params;

    private RoutePattern(String text, List<String> segments, boolean[] params) {
        this.text = text;
        this.segments = segments;
        this.params = params;
    }

    /** @throws IllegalArgumentException naming the pattern and the bad segment */
    static RoutePattern parse(String text) {
        if (text == null || !text.startsWith("/")) throw new IllegalArgumentException("route pattern must start with '/': " + text);
        List<String> segs = split(text);
        boolean[] flags = new boolean[segs.size()];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            var m = PARAM.matcher(s);
            if (m.matches()) {
                if (!names.add(m.group(1))) throw new IllegalArgumentException("route " + text + ": parameter {" + m.group(1) + "} appears twice");
                segs.set(i, m.group(1));
                flags[i] = true;
            } else if (!LITERAL.matcher(s).matches()) {
                throw new IllegalArgumentException("route " + text + ": bad segment '" + s + "' (a literal or a whole {name})");
            }
        }
        return new RoutePattern(text, List.copyOf(segs), flags);
    }

    /** The raw path's segments, not yet decoded; "/" has none. */
    static List<String> split(String path) {
        List<String> segs = new ArrayList<>();
        if (path.equals("/")) return segs;
        for (String s : path.substring(1).split("/", -1)) segs.add(s);
        return segs;
    }

    /** The decoded parameters when {@code rawSegments} matches, else null. */
    Map<String, String> match(List<String> rawSegments) {
        if (rawSegments.size() != segments.size()) return null;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String raw = rawSegments.get(i);
            if (params[i]) {
                if (raw.isEmpty()) return null;
                values.put(segments.get(i), decode(raw));
            } else if (!segments.get(i).equals(decode(raw))) {
                return null;
            }
        }
        return values;
    }

    /**
     * Percent-decodes one path segment ('+' stays '+', unlike in a query).
     * @throws ApiException BAD_REQUEST for a broken escape
     */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) return raw;
        try {
            return QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.BAD_REQUEST, "bad percent-encoding in path segment '" + raw + "'");
        }
    }

    /** The pattern with parameter names erased: two routes of one shape serve the same paths. */
    String shape() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) sb.append('/').append(params[i] ? "{}" : segments.get(i));
        return sb.isEmpty() ? "/" : sb.toString();
    }

    /** More specific first: at the first segment where one has a literal and the other a parameter. */
    @Override
    public int compareTo(RoutePattern o) {
        int n = Math.min(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            if (params[i] != o.params[i]) return params[i] ? 1 : -1;
        }
        return Integer.compare(segments.size(), o.segments.size());
    }

    @Override
    public String toString() { return text; }
}
