package io.acqsim.proxy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.acqsim.fault.Direction;
import io.acqsim.fault.DropRequest;
import io.acqsim.fault.DropResponse;
import io.acqsim.fault.Fault;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.Match;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.NetworkActions;
import io.acqsim.fault.NetworkRule;
import io.acqsim.fault.Window;

/**
 * The inline fault syntax of {@code bin/acqsim proxy --fault SPEC}: the action, then comma-separated
 * {@code key=value} pairs.
 * <pre>
 * drop-response,mti=0200,probability=0.1
 * latency,latency=PT2S,jitter=PT100MS,direction=response,tid=T0000001,first=3
 * bandwidth,bytes-per-second=1000
 * </pre>
 * Keys: the action's parameters ({@code latency}, {@code jitter}, {@code bytes}, {@code target},
 * {@code bytes-per-second}, as {@link NetworkActions} registers them; {@code latency} and
 * {@code jitter} also as {@code PT100MS}, {@code 100ms} or {@code 2s}); {@code direction}
 * (request|response; default the action's own); the selectors {@code mti}, {@code processing-code},
 * {@code tid}, {@code mid} (several values joined by '|', e.g. {@code mti=0200|0400}),
 * {@code min-amount}, {@code max-amount} (minor units); {@code probability} in (0, 1];
 * {@code first} N; {@code from}, {@code to} (ISO-8601 instants with offset, read on the proxy's
 * clock). Selectors need a profile: in byte mode the proxy sees no messages. Every mistake is an
 * IllegalArgumentException that quotes the spec and names the key.
 */
public final class InlineFault {
    private static final List<String> SELECTORS = List.of("mti", "processing-code", "tid", "mid", "min-amount", "max-amount");
    private static final List<String> RULE_KEYS = List.of("direction", "probability", "first", "from", "to");
    private static final Pattern MTI = Pattern.compile("\\d{4}");
    private static final Pattern PROCESSING_CODE = Pattern.compile("\\d{6}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(?i)(?:PT)?(\\d{1,9})(MS|S)");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private InlineFault() {
    }

    /**
     * Parses {@code spec} and records it in {@code registry} as a fault of type "network" on the
     * terminal link with the registry's next id and seed; returns the rule.
     */
    public static NetworkRule add(FaultRegistry registry, String spec, boolean messageAware) {
        Map<String, String> items = items(spec);
        String id = registry.nextId();
        NetworkRule rule = parse(spec, id, registry.seed(), messageAware);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "network");
        entry.put("link", "terminal");
        entry.put("action", rule.action().name());
        entry.put("direction", rule.direction().name().toLowerCase(Locale.ROOT));
        items.forEach((k, v) -> {
            if (!k.equals("action")) entry.put(k, v);
        });
        registry.add(new Fault(id, "network", rule.window(), entry, null), null);
        registry.addRule(rule);
        return rule;
    }

    /** Parses {@code spec} into a rule on {@link Link#TERMINAL} with the given id and seed. */
    public static NetworkRule parse(String spec, String faultId, long seed, boolean messageAware) {
        Map<String, String> items = items(spec);
        try {
            return rule(items, faultId, seed, messageAware);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fault '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** The action under "action", then each key and value as written; rejects syntax errors and repeated keys. */
    private static Map<String, String> items(String spec) {
        String example = "expected ACTION[,KEY=VALUE]..., e.g. drop-response,mti=0200";
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--fault '': empty; " + example);
        String[] parts = spec.strip().split(",", -1);
        Map<String, String> items = new LinkedHashMap<>();
        String action = parts[0].strip();
        if (action.isEmpty() || action.contains("=")) {
            throw new IllegalArgumentException("--fault '" + spec + "': the first item must be the action (one of "
                    + String.join(", ", new TreeSet<>(NetworkActions.names())) + "), not '" + action + "'; " + example);
        }
        items.put("action", action);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--fault '" + spec + "': '" + part + "' is not KEY=VALUE; " + example);
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            if (value.isEmpty()) throw new IllegalArgumentException("--fault '" + spec + "': " + key + ": no value");
            if (key.equals("action") || items.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("--fault '" + spec + "': " + key + ": given twice (join several values with '|', e.g. mti=0200|0400)");
            }
        }
        return items;
    }

    private static NetworkRule rule(Map<String, String> items, String faultId, long seed, boolean messageAware) {
        String name = items.get("action");
        List<String> own = NetworkActions.parameters(name);
        Map<String, String> params = new LinkedHashMap<>();
        for (var e : items.entrySet()) {
            String key = e.getKey();
            if (key.equals("action")) continue;
            if (NetworkActions.allParameters().contains(key)) {
                if (!own.contains(key)) {
                    throw new IllegalArgumentException(key + ": not a parameter of " + name
                            + (own.isEmpty() ? " (it takes none)" : " (its parameters: " + String.join(", ", own) + ")"));
                }
                params.put(key, key.equals("latency") || key.equals("jitter") ? isoDuration(e.getValue()) : e.getValue());
            } else if (SELECTORS.contains(key)) {
                if (!messageAware) {
                    throw new IllegalArgumentException(key + ": needs --profile cup|iso87a; without a profile the proxy sees bytes, not messages,"
                            + " and only direction, probability, first, from and to apply");
                }
            } else if (!RULE_KEYS.contains(key)) {
                throw new IllegalArgumentException(key + ": unknown key; keys: " + String.join(", ", keys(own)));
            }
        }
        if (!messageAware && params.containsKey("target")) {
            throw new IllegalArgumentException("target: needs --profile cup|iso87a; in byte mode corrupt flips the bits of one random byte of a chunk");
        }
        NetworkAction action = NetworkAction.parse(name, params);
        Direction direction = direction(items.get("direction"), action);
        Match match = new Match(list(items, "mti", MTI, "a 4-digit MTI such as 0200"),
                list(items, "processing-code", PROCESSING_CODE, "6 digits such as 000000"),
                list(items, "tid", null, null), list(items, "mid", null, null),
                amount(items, "min-amount"), amount(items, "max-amount"), probability(items.get("probability")), first(items.get("first")));
        Window window = window(instant(items, "from"), instant(items, "to"));
        return new NetworkRule(faultId, Link.TERMINAL, direction, action, match, window, seed);
    }

    /** Also takes {@code PT100MS}, {@code 100ms} and {@code 2s}; anything else goes to NetworkAction as written. */
    private static String isoDuration(String v) {
        Matcher m = SHORT_DURATION.matcher(v);
        if (!m.matches()) return v;
        long n = Long.parseLong(m.group(1));
        return (m.group(2).equalsIgnoreCase("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n)).toString();
    }

    private static List<String> keys(List<String> own) {
        List<String> all = new ArrayList<>(own);
        all.addAll(RULE_KEYS);
        all.addAll(SELECTORS);
        return all;
    }

    private static Direction direction(String v, NetworkAction action) {
        if (v == null) return null;
        Direction d = switch (v.toLowerCase(Locale.ROOT)) {
            case "request" -> Direction.REQUEST;
            case "response" -> Direction.RESPONSE;
            default -> throw new IllegalArgumentException("direction: '" + v + "' is not request or response");
        };
        if (action instanceof DropRequest && d == Direction.RESPONSE) {
            throw new IllegalArgumentException("direction: drop-request acts on requests; use drop-response to drop responses");
        }
        if (action instanceof DropResponse && d == Direction.REQUEST) {
            throw new IllegalArgumentException("direction: drop-response acts on responses; use drop-request to drop requests");
        }
        return d;
    }

    private static List<String> list(Map<String, String> items, String key, Pattern format, String what) {
        String v = items.get(key);
        if (v == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String s : v.split("\\|", -1)) {
            String t = s.strip();
            if (t.isEmpty()) throw new IllegalArgumentException(key + ": '" + v + "' has an empty value");
            if (format != null && !format.matcher(t).matches()) throw new IllegalArgumentException(key + ": '" + t + "' is not " + what);
            out.add(t);
        }
        return out;
    }

    private static Long amount(Map<String, String> items, String key) {
        String v = items.get(key);
        if (v == null) return null;
        if (!DIGITS.matcher(v).matches()) throw new IllegalArgumentException(key + ": '" + v + "' is not a whole amount in minor units, e.g. 1234 for 12.34");
        return Long.parseLong(v);
    }

    private static double probability(String v) {
        if (v == null) return 1.0;
        try {
            double p = Double.parseDouble(v);
            if (p > 0 && p <= 1) return p;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("probability: '" + v + "' is not a number in (0, 1], e.g. 0.1");
    }

    private static int first(String v) {
        if (v == null) return 0;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("first: '" + v + "' is not a whole number of 1 or more");
    }

    private static Instant instant(Map<String, String> items, String key) {
        String v = items.get(key);
        if (v == null) return null;
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not an ISO-8601 instant with offset, e.g. 2026-10-09T10:00+08:00");
        }
    }

    private static Window window(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) throw new IllegalArgumentException("to: " + to + " is not after from " + from);
        return from == null && to == null ? Window.ALWAYS : new Window(from, to);
    }

    /** One line for the start banner, e.g. {@code F-1  drop-response  responses  mti 0200  probability 0.1}. */
    public static String describe(NetworkRule r) {
        StringBuilder b = new StringBuilder(r.faultId()).append("  ").append(r.action().describe());
        b.append("  on ").append(r.direction() == Direction.REQUEST ? "requests" : "responses");
        Match m = r.match();
        if (!m.mti().isEmpty()) b.append("  mti ").append(String.join("|", m.mti()));
        if (!m.processingCode().isEmpty()) b.append("  processing-code ").append(String.join("|", m.processingCode()));
        if (!m.tid().isEmpty()) b.append("  tid ").append(String.join("|", m.tid()));
        if (!m.mid().isEmpty()) b.append("  mid ").append(String.join("|", m.mid()));
        if (m.minAmount() != null) b.append("  min-amount ").append(m.minAmount());
        if (m.maxAmount() != null) b.append("  max-amount ").append(m.maxAmount());
        if (m.probability() < 1) b.append("  probability ").append(m.probability());
        if (m.firstN() > 0) b.append("  first ").append(m.firstN());
        if (r.window().from() != null) b.append("  from ").append(r.window().from());
        if (r.window().to() != null) b.append("  to ").append(r.window().to());
        return b.toString();
    }
}
