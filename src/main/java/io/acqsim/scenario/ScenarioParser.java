package io.acqsim.scenario;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.acqsim.config.WholeNumbers;
import io.acqsim.fault.Bandwidth;
import io.acqsim.fault.Direction;
import io.acqsim.fault.Duplicate;
import io.acqsim.fault.Latency;
import io.acqsim.fault.Link;
import io.acqsim.fault.Match;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.NetworkActions;
import io.acqsim.fault.Window;
import io.acqsim.message.ResponseCode;
import io.acqsim.money.Amounts;
import io.acqsim.yaml.FileError;
import io.acqsim.yaml.YamlNode;
import io.acqsim.yaml.YamlReader;

/**
 * Reads scenario YAML into a {@link Scenario}, or one fault entry into a {@link FaultSpec}; every
 * problem is a {@link ScenarioError} naming the file, line and key. Instants are ISO-8601 with
 * offset; a bare date means the start of that local day for {@code from} and the end of it
 * (inclusive) for {@code to}.
 */
public final class ScenarioParser {
    private static final Set<String> TOP = Set.of("name", "description", "calendar", "faults");
    private static final Set<String> MATCH = Set.of("mti", "processing-code", "tid", "mid", "min-amount", "max-amount", "probability", "first");
    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("bank-outage", Set.of("bank", "from", "to", "detail")),
            Map.entry("network", networkKeys()),
            Map.entry("host-maintenance", Set.of("from", "to", "answer")),
            Map.entry("issuer-unavailable", Set.of("from", "to")),
            Map.entry("holiday-freeze", Set.of("from", "to", "name")),
            Map.entry("account-frozen", Set.of("merchant", "from", "to")),
            Map.entry("invalid-account", Set.of("merchant", "from", "until-corrected")),
            Map.entry("risk-hold", Set.of("merchant", "business-days", "from", "to")),
            Map.entry("policy-review", Set.of("above-minor", "hours", "from", "to")),
            Map.entry("late-batch", Set.of("merchant", "from", "to")),
            Map.entry("daily-limit", Set.of("merchant", "limit", "from", "to", "detail")));
    /** A daily limit's detail leaves room in a delay reason's detail (200) for the numbers after it. */
    private static final int DETAIL_MAX = 100;

    private final ZoneId zone;

    public ScenarioParser(ZoneId zone) {
        this.zone = zone;
    }

    /** A scenario file; messages name it by its file name. */
    public Scenario parse(Path file) {
        return refused(() -> scenario(YamlReader.read(file, file.getFileName().toString())));
    }

    /** A whole scenario: {@code name}, optional {@code description} and {@code calendar}, {@code faults}. */
    public Scenario parse(String source, String yaml) {
        return refused(() -> scenario(YamlReader.parse(null, source, yaml)));
    }

    /** One fault entry (the body of {@code fault add FILE} or {@code POST /api/faults}); a list of them is also accepted. */
    public List<FaultSpec> parseFaults(String source, String yaml) {
        return refused(() -> {
            YamlNode root = nonEmpty(YamlReader.parse(null, source, yaml));
            if (root.isMapping() && root.mapping().containsKey("faults")) return scenario(root).faults();
            if (root.isMapping()) return List.of(fault(root.at("fault")));
            List<FaultSpec> out = new ArrayList<>();
            for (YamlNode f : root.sequence()) out.add(fault(f));
            return out;
        });
    }

    /** Every problem, the reader's included, as a {@link ScenarioError}. */
    private static <T> T refused(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ScenarioError e) {
            throw e;
        } catch (FileError e) {
            throw new ScenarioError(e);
        }
    }

    private Scenario scenario(YamlNode root) {
        nonEmpty(root).onlyKeys(TOP);
        Map<String, YamlNode> top = root.mapping();
        if (!top.containsKey("name")) throw root.error("name", "required: the scenario's name");
        if (!top.containsKey("faults")) throw root.error("faults", "required: a list of faults (may be empty: [])");
        List<FaultSpec> faults = new ArrayList<>();
        for (YamlNode f : top.get("faults").sequence()) faults.add(fault(f));
        YamlNode calendar = top.get("calendar");
        return new Scenario(top.get("name").text(), top.containsKey("description") ? top.get("description").text() : null,
                calendar != null ? calendar.text() : null, faults,
                calendar != null ? new FaultSpec.At(calendar.source(), calendar.line(), calendar.path(), Map.of()) : null);
    }

    private static YamlNode nonEmpty(YamlNode root) {
        if (root.isEmpty()) throw root.error("empty: expected a scenario (name, faults)");
        return root;
    }

    private FaultSpec fault(YamlNode f) {
        Map<String, YamlNode> m = f.mapping();
        YamlNode typeNode = m.get("type");
        if (typeNode == null) throw f.error("type", "required: one of " + String.join(", ", new java.util.TreeSet<>(KEYS.keySet())));
        String type = typeNode.text();
        Set<String> allowed = KEYS.get(type);
        if (allowed == null) throw typeNode.error("'" + type + "' is not one of " + String.join(", ", new java.util.TreeSet<>(KEYS.keySet())));
        Set<String> withType = new java.util.HashSet<>(allowed);
        withType.add("type");
        f.onlyKeys(withType);
        @SuppressWarnings("unchecked")
        FaultSpec.At at = new FaultSpec.At(f.source(), f.line(), f.path(), (Map<String, Object>) f.plain());
        return switch (type) {
            case "bank-outage" -> new FaultSpec.BankOutage(at, required(f, "bank"), window(f, true), optional(f, "detail", "core system upgrade"));
            case "network" -> network(f, at);
            case "host-maintenance" -> new FaultSpec.HostMaintenance(at, window(f, true), answer(f));
            case "issuer-unavailable" -> new FaultSpec.IssuerUnavailable(at, window(f, true));
            case "holiday-freeze" -> freeze(f, at);
            case "account-frozen" -> new FaultSpec.AccountFrozen(at, required(f, "merchant"), window(f, false));
            case "invalid-account" -> {
                if (m.containsKey("until-corrected") && !m.get("until-corrected").text().equals("true")) {
                    throw m.get("until-corrected").error("only true is supported: the account stays invalid until corrected");
                }
                yield new FaultSpec.InvalidAccount(at, required(f, "merchant"), new Window(from(f), null));
            }
            case "risk-hold" -> new FaultSpec.RiskHold(at, required(f, "merchant"), (int) number(f, "business-days", 1, 365), window(f, false));
            case "policy-review" -> new FaultSpec.PolicyReview(at, number(f, "above-minor", 0, Long.MAX_VALUE), (int) number(f, "hours", 1, 24 * 365),
                    window(f, false));
            case "daily-limit" -> new FaultSpec.DailyLimit(at, required(f, "merchant"), amount(f, "limit"), window(f, false), detail(f));
            case "late-batch" -> {
                LocalDate from = date(f, "from");
                LocalDate to = date(f, "to");
                if (to.isBefore(from)) throw f.error("to", "must not be before from (" + from + ")");
                yield new FaultSpec.LateBatch(at, required(f, "merchant"), from, to, Window.ALWAYS);
            }
            default -> throw typeNode.error("unsupported type");
        };
    }

    /** A network fault's own keys and every parameter a registered action takes (NetworkActions). */
    private static Set<String> networkKeys() {
        Set<String> keys = new HashSet<>(Set.of("link", "action", "direction", "match", "from", "to", "bank"));
        keys.addAll(NetworkActions.allParameters());
        return Set.copyOf(keys);
    }

    private FaultSpec network(YamlNode f, FaultSpec.At at) {
        Map<String, YamlNode> m = f.mapping();
        Link link = enumOf(Link.class, f, "link", true);
        String actionName = required(f, "action");
        Map<String, String> params = new HashMap<>();
        for (String k : NetworkActions.allParameters()) {
            if (m.containsKey(k)) params.put(k, m.get(k).text());
        }
        NetworkAction action;
        try {
            action = NetworkAction.parse(actionName, params);
        } catch (IllegalArgumentException e) {
            // NetworkAction names the parameter first ("latency: required ..."); report it at that key
            String key = e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "action";
            String problem = e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip();
            throw key.equals("action") ? f.error("action", problem) : f.error(key, problem + " (for action " + actionName + ")");
        }
        Direction direction = m.containsKey("direction") ? enumOf(Direction.class, f, "direction", true) : null;
        Match match = m.containsKey("match") ? match(m.get("match")) : Match.ALL;
        String bank = m.containsKey("bank") ? m.get("bank").text() : null;
        if (link == Link.BANK) {
            if (bank == null) throw f.error("bank", "required for link: bank (which bank's link fails)");
            if (action instanceof Latency || action instanceof Bandwidth || action instanceof Duplicate) {
                throw f.error("action", "on the bank link a fault makes payout attempts fail (drop-request, drop-response, reset, blackhole, "
                        + "corrupt, close-after-bytes); '" + action.name() + "' is not modelled there");
            }
        } else if (bank != null) {
            throw f.error("bank", "only for link: bank");
        }
        return new FaultSpec.Network(at, link, action, direction, match, window(f, false), bank);
    }

    private Match match(YamlNode n) {
        n.onlyKeys(MATCH);
        Map<String, YamlNode> m = n.mapping();
        double probability = 1.0;
        if (m.containsKey("probability")) {
            try {
                probability = Double.parseDouble(m.get("probability").text());
            } catch (NumberFormatException e) {
                throw m.get("probability").error("'" + m.get("probability").text() + "' is not a number");
            }
            if (!(probability > 0 && probability <= 1)) throw m.get("probability").error("must be above 0 and at most 1");
        }
        Long min = m.containsKey("min-amount") ? number(n, "min-amount", 0, Long.MAX_VALUE) : null;
        Long max = m.containsKey("max-amount") ? number(n, "max-amount", 0, Long.MAX_VALUE) : null;
        if (min != null && max != null && max < min) throw m.get("max-amount").error("is below min-amount (" + min + ")");
        List<String> mti = m.containsKey("mti") ? m.get("mti").texts() : List.of();
        for (String v : mti) if (!v.matches("\\d{4}")) throw m.get("mti").error("'" + v + "' is not a four-digit MTI such as \"0200\"");
        return new Match(mti, m.containsKey("processing-code") ? m.get("processing-code").texts() : List.of(),
                m.containsKey("tid") ? m.get("tid").texts() : List.of(), m.containsKey("mid") ? m.get("mid").texts() : List.of(),
                min, max, probability, m.containsKey("first") ? (int) number(n, "first", 1, Integer.MAX_VALUE) : 0);
    }

    private FaultSpec freeze(YamlNode f, FaultSpec.At at) {
        LocalDate from = date(f, "from");
        LocalDate to = date(f, "to");
        if (to.isBefore(from)) throw f.error("to", "must not be before from (" + from + ")");
        return new FaultSpec.HolidayFreeze(at, optional(f, "name", "holiday freeze"), from, to,
                new Window(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    private static ResponseCode answer(YamlNode f) {
        String a = optional(f, "answer", ResponseCode.ISSUER_UNAVAILABLE.code());
        if (a.equals(ResponseCode.ISSUER_UNAVAILABLE.code())) return ResponseCode.ISSUER_UNAVAILABLE;
        if (a.equals(ResponseCode.SYSTEM_MALFUNCTION.code())) return ResponseCode.SYSTEM_MALFUNCTION;
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "refuse", "close" -> null;
            default -> throw f.error("answer", "'" + a + "' is not \"91\", \"96\" or refuse (close connections)");
        };
    }

    private Window window(YamlNode f, boolean required) {
        Map<String, YamlNode> m = f.mapping();
        if (required && !m.containsKey("from")) throw f.error("from", "required: an instant such as 2026-10-10T08:00:00+08:00");
        if (required && !m.containsKey("to")) throw f.error("to", "required: an instant such as 2026-10-10T14:00:00+08:00");
        Instant from = from(f);
        Instant to = m.containsKey("to") ? instant(m.get("to"), true) : null;
        if (from != null && to != null && !to.isAfter(from)) throw m.get("to").error("must be after from (" + m.get("from").text() + ")");
        return new Window(from, to);
    }

    private Instant from(YamlNode f) {
        YamlNode n = f.mapping().get("from");
        return n == null ? null : instant(n, false);
    }

    /** An instant with offset, or a date: its start (from) or the start of the next day (an inclusive to). */
    private Instant instant(YamlNode n, boolean end) {
        String t = n.text().strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            try {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e2) {
                throw n.error("'" + t + "' is not an instant with offset (2026-10-10T08:00:00+08:00) or a date (2026-10-10)");
            }
        }
    }

    private static LocalDate date(YamlNode f, String key) {
        YamlNode n = f.mapping().get(key);
        if (n == null) throw f.error(key, "required: a date such as 2026-02-15");
        try {
            return LocalDate.parse(n.text().strip());
        } catch (DateTimeException e) {
            throw n.error("'" + n.text() + "' is not a date such as 2026-02-15");
        }
    }

    private static String required(YamlNode f, String key) {
        YamlNode n = f.mapping().get(key);
        if (n == null) throw f.error(key, "required");
        String v = n.text().strip();
        if (v.isEmpty()) throw n.error("must not be empty");
        return v;
    }

    private static String optional(YamlNode f, String key, String def) {
        YamlNode n = f.mapping().get(key);
        return n == null ? def : n.text().strip();
    }

    /** An amount in the currency's major unit ("10000.00"): above zero, at most two decimals. */
    private static long amount(YamlNode f, String key) {
        YamlNode n = f.mapping().get(key);
        if (n == null) throw f.error(key, "required: an amount in the currency's major unit such as 10000.00");
        try {
            return Amounts.parse(n.text().strip());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static String detail(YamlNode f) {
        YamlNode n = f.mapping().get("detail");
        if (n == null) return null;
        String v = n.text().strip();
        if (v.isEmpty() || v.length() > DETAIL_MAX) throw n.error("must be 1 to " + DETAIL_MAX + " characters");
        return v;
    }

    private static long number(YamlNode f, String key, long min, long max) {
        YamlNode n = f.mapping().get(key);
        if (n == null) throw f.error(key, "required: a whole number");
        try {
            return WholeNumbers.parse(n.text(), min, max);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, YamlNode f, String key, boolean required) {
        String v = required(f, key);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name().toLowerCase(Locale.ROOT));
            throw f.mapping().get(key).error("'" + v + "' is not one of " + String.join(", ", names));
        }
    }
}
