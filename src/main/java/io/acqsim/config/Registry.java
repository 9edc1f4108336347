package io.acqsim.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merchants and terminals the host knows (PRODUCT.md §4.3), from {@code cfg/registry.yml}.
 * Terminals come either one by one or as a range whose n-th terminal belongs to
 * {@code merchants[n mod size]}, which is how the 1,000 demo terminals are declared.
 */
public final class Registry {
    private static final Set<String> KEYS = Set.of("banks", "fees.card-bp", "fees.qr-bp", "merchants.*", "terminal-ranges.*", "terminals.*");
    private static final Set<String> MERCHANT_KEYS = Set.of("id", "name", "bank", "account", "product", "card-fee-bp", "qr-fee-bp");
    private static final Set<String> RANGE_KEYS = Set.of("first", "last", "merchants");
    private static final Set<String> TERMINAL_KEYS = Set.of("id", "merchant", "enabled");
    private static final Set<String> PRODUCTS = Set.of("T1", "D1", "D0");

    private final Map<String, Merchant> merchants;
    private final Map<String, Terminal> terminals;
    private final List<String> banks;

    private Registry(List<String> banks, Map<String, Merchant> merchants, Map<String, Terminal> terminals) {
        this.banks = List.copyOf(banks);
        this.merchants = Collections.unmodifiableMap(merchants);
        this.terminals = Collections.unmodifiableMap(terminals);
    }

    public static Registry load(Path file) {
        ConfigFile c = ConfigFile.load(file);
        c.rejectUnknownKeys(KEYS);
        List<String> banks = c.strings("banks");
        if (banks.isEmpty()) throw c.error("banks", "at least one settlement bank is required");
        int cardBp = c.integer("fees.card-bp", 60, 0, 10_000);
        int qrBp = c.integer("fees.qr-bp", 38, 0, 10_000);

        Map<String, Merchant> merchants = new LinkedHashMap<>();
        for (ConfigFile m : c.children("merchants")) {
            m.rejectUnknownKeys(MERCHANT_KEYS);
            String id = m.requiredString("id");
            if (!id.matches("[A-Za-z0-9]{1,15}")) throw m.error("id", "'" + id + "' is not a merchant id of up to 15 letters and digits");
            String bank = m.requiredString("bank");
            if (!banks.contains(bank)) throw m.error("bank", "unknown bank '" + bank + "' (banks: " + banks + ")");
            String product = m.string("product", "T1");
            if (!PRODUCTS.contains(product)) throw m.error("product", "'" + product + "' is not one of " + PRODUCTS);
            Merchant merchant = new Merchant(id, m.string("name", id), bank, m.string("account", ""), product,
                    m.integer("card-fee-bp", cardBp, 0, 10_000), m.integer("qr-fee-bp", qrBp, 0, 10_000));
            if (merchants.put(id, merchant) != null) throw m.error("id", "duplicate merchant '" + id + "'");
        }
        if (merchants.isEmpty()) throw c.error("merchants", "at least one merchant is required");

        Map<String, Terminal> terminals = new HashMap<>();
        for (ConfigFile r : c.children("terminal-ranges")) {
            r.rejectUnknownKeys(RANGE_KEYS);
            String first = r.requiredString("first");
            String last = r.requiredString("last");
            TidPattern from = TidPattern.parse(r, "first", first);
            TidPattern to = TidPattern.parse(r, "last", last);
            if (!from.prefix().equals(to.prefix()) || from.digits() != to.digits() || to.number() < from.number()) {
                throw r.error("last", "'" + last + "' does not close a range opened by '" + first + "'");
            }
            List<String> owners = r.strings("merchants");
            if (owners.isEmpty()) throw r.error("merchants", "a range needs at least one merchant");
            for (String mid : owners) {
                if (!merchants.containsKey(mid)) throw r.error("merchants", "unknown merchant '" + mid + "'");
            }
            for (long n = from.number(); n <= to.number(); n++) {
                String tid = from.format(n);
                String mid = owners.get((int) ((n - from.number()) % owners.size()));
                terminals.put(tid, new Terminal(tid, mid, true));
            }
        }
        for (ConfigFile t : c.children("terminals")) {
            t.rejectUnknownKeys(TERMINAL_KEYS);
            String tid = t.requiredString("id");
            if (tid.length() != 8) throw t.error("id", "'" + tid + "' is not an 8-character terminal id");
            String mid = t.requiredString("merchant");
            if (!merchants.containsKey(mid)) throw t.error("merchant", "unknown merchant '" + mid + "'");
            terminals.put(tid, new Terminal(tid, mid, t.bool("enabled", true)));
        }
        return new Registry(banks, merchants, terminals);
    }

    public Terminal terminal(String tid) { return terminals.get(tid); }

    public Merchant merchant(String mid) { return merchants.get(mid); }

    public Map<String, Merchant> merchants() { return merchants; }

    public int terminalCount() { return terminals.size(); }

    public List<String> banks() { return banks; }

    /** A TID of a range: a letter prefix and a fixed number of digits, e.g. T0000001. */
    private record TidPattern(String prefix, int digits, long number) {
        static TidPattern parse(ConfigFile c, String key, String tid) {
            var m = java.util.regex.Pattern.compile("([A-Za-z]*)(\\d+)").matcher(tid);
            if (tid.length() != 8 || !m.matches()) {
                throw c.error(key, "'" + tid + "' is not an 8-character terminal id ending in digits");
            }
            return new TidPattern(m.group(1), m.group(2).length(), Long.parseLong(m.group(2)));
        }

        String format(long n) {
            return prefix + String.format("%0" + digits + "d", n);
        }
    }
}
