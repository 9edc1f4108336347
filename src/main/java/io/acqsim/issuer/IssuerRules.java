package io.acqsim.issuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.acqsim.config.ConfigFile;
import io.acqsim.message.ResponseCode;

/**
 * Issuer emulation (PRODUCT.md §4.4) as data from {@code cfg/issuer.yml}: the first rule whose every
 * condition matches decides the answer and, optionally, the latency; otherwise the default answer with
 * a latency drawn uniformly from {@code latency.min..latency.max}.
 */
public final class IssuerRules {
    private static final Set<String> KEYS = Set.of("timeout", "latency.min", "latency.max", "rules.*", "default", "test-pin");
    private static final Set<String> RULE_KEYS = Set.of("when.amount-suffix", "when.pan-prefix", "when.tid", "when.mid",
            "when.entry-mode", "when.kind", "when.pin", "answer", "latency");
    private static final Set<String> PIN_STATES = Set.of(IssuerRequest.PIN_CORRECT, IssuerRequest.PIN_WRONG, IssuerRequest.NO_PIN);
    private static final Set<String> KINDS = Set.of("purchase", "qr", "void", "refund");

    private final Duration timeout;
    private final Duration minLatency;
    private final Duration maxLatency;
    private final List<IssuerRule> rules;
    private final ResponseCode defaultAnswer;
    private final String testPin;

    public IssuerRules(Duration timeout, Duration minLatency, Duration maxLatency, List<IssuerRule> rules, ResponseCode defaultAnswer) {
        this(timeout, minLatency, maxLatency, rules, defaultAnswer, "123456");
    }

    public IssuerRules(Duration timeout, Duration minLatency, Duration maxLatency, List<IssuerRule> rules, ResponseCode defaultAnswer,
                       String testPin) {
        this.testPin = testPin;
        this.timeout = timeout;
        this.minLatency = minLatency;
        this.maxLatency = maxLatency;
        this.rules = List.copyOf(rules);
        this.defaultAnswer = defaultAnswer;
    }

    public static IssuerRules load(Path file, java.util.Map<String, String> overrides) {
        ConfigFile c = ConfigFile.load(file, overrides);
        c.rejectUnknownKeys(KEYS);
        Duration timeout = c.duration("timeout", Duration.ofSeconds(40));
        if (timeout.isZero()) throw c.error("timeout", "must be greater than zero");
        Duration min = c.duration("latency.min", Duration.ZERO);
        Duration max = c.duration("latency.max", min);
        if (max.compareTo(min) < 0) throw c.error("latency.max", "is smaller than latency.min");
        List<IssuerRule> rules = new ArrayList<>();
        for (ConfigFile r : c.children("rules")) {
            r.rejectUnknownKeys(RULE_KEYS);
            ConfigFile when = r.child("when");
            ResponseCode answer = responseCode(r, "answer");
            String kind = when == null ? null : when.string("kind", null);
            if (kind != null && !KINDS.contains(kind)) throw when.error("kind", "'" + kind + "' is not one of " + KINDS);
            String suffix = when == null ? null : when.string("amount-suffix", null);
            if (suffix != null && !suffix.matches("\\d{1,12}")) throw when.error("amount-suffix", "'" + suffix + "' is not digits");
            String pin = when == null ? null : when.string("pin", null);
            if (pin != null && !PIN_STATES.contains(pin)) throw when.error("pin", "'" + pin + "' is not one of " + PIN_STATES);
            rules.add(new IssuerRule(
                    suffix,
                    when == null ? null : when.string("pan-prefix", null),
                    when == null ? null : when.string("tid", null),
                    when == null ? null : when.string("mid", null),
                    when == null ? null : when.string("entry-mode", null),
                    kind,
                    pin,
                    answer,
                    r.has("latency") ? r.duration("latency", null) : null));
        }
        ResponseCode def = responseCode(c, "default");
        if (def == null) throw c.error("default", "the default answer cannot be 'none'");
        String testPin = c.string("test-pin", "123456");
        if (!testPin.matches("\\d{4,12}")) throw c.error("test-pin", "a PIN is 4 to 12 digits");
        return new IssuerRules(timeout, min, max, rules, def, testPin);
    }

    private static ResponseCode responseCode(ConfigFile c, String key) {
        String v = c.string(key, "00");
        if (v.equalsIgnoreCase("none")) return null;
        if (!v.matches("[0-9A-Z]{2}")) throw c.error(key, "'" + v + "' is not a two-character response code or 'none'");
        return ResponseCode.of(v);
    }

    /** The PIN of every card (TEST): an online PIN block is checked against it; see the {@code pin} rule condition. */
    public String testPin() { return testPin; }

    /** How long the host waits for the issuer before answering 91 itself. */
    public Duration timeout() { return timeout; }

    public IssuerAnswer decide(IssuerRequest request) {
        for (IssuerRule rule : rules) {
            if (rule.matches(request)) {
                return new IssuerAnswer(rule.answer(), rule.latency() != null ? rule.latency() : drawLatency());
            }
        }
        return new IssuerAnswer(defaultAnswer, drawLatency());
    }

    private Duration drawLatency() {
        long lo = minLatency.toNanos();
        long hi = maxLatency.toNanos();
        return hi <= lo ? minLatency : Duration.ofNanos(ThreadLocalRandom.current().nextLong(lo, hi + 1));
    }
}
