package io.acqsim.keys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpos.security.SMAdapter;
import org.jpos.security.SecureDESKey;

import io.acqsim.config.ConfigFile;
import io.acqsim.iso.Profile;

/**
 * The terminal key file ({@code cfg/keys/terminal-keys.yml}; TEST keys): the LMK file of the security
 * module, and per terminal range its terminal master key (TMK) under that LMK with its check value,
 * whether its messages carry a MAC and with which algorithm. A terminal in no range has no TMK: it gets
 * no working keys at sign-on, and MAC is off for it.
 * <p>
 * A TMK whose check value does not match, an unknown MAC setting or overlapping ranges stop the load
 * with a {@link io.acqsim.yaml.FileError} naming the file, line and key. Key material never appears in
 * an error or in {@code toString}.
 */
public final class TerminalMasterKeys {
    private static final Set<String> KEYS = Set.of("lmk", "ranges.*");
    private static final Set<String> RANGE_KEYS = Set.of("first", "last", "tmk", "check-value", "mac");

    /** One range's settings; {@code mac} null means "on": the profile's usual algorithm. */
    private record Range(String first, String last, SecureDESKey tmk, MacAlgorithm mac) {
        boolean holds(String tid) {
            return tid.length() == first.length() && tid.compareTo(first) >= 0 && tid.compareTo(last) <= 0
                    && tid.regionMatches(0, first, 0, prefix(first));
        }
    }

    private final SecurityModule module;
    private final List<Range> ranges;

    private TerminalMasterKeys(SecurityModule module, List<Range> ranges) {
        this.module = module;
        this.ranges = List.copyOf(ranges);
    }

    public static TerminalMasterKeys load(Path file) {
        return load(file, Map.of());
    }

    /** Loads the file with {@code overrides} applied (dotted keys such as {@code ranges(0).mac}, as the tests use). */
    public static TerminalMasterKeys load(Path file, Map<String, String> overrides) {
        ConfigFile c = ConfigFile.load(file, overrides);
        c.rejectUnknownKeys(KEYS);
        Path lmk = file.toAbsolutePath().getParent().resolve(c.requiredString("lmk")).normalize();
        SecurityModule module;
        try {
            module = SecurityModule.open(lmk);
        } catch (IllegalArgumentException e) {
            throw c.error("lmk", e.getMessage());
        }
        List<Range> ranges = new ArrayList<>();
        for (ConfigFile r : c.children("ranges")) {
            r.rejectUnknownKeys(RANGE_KEYS);
            String first = tid(r, "first");
            String last = r.has("last") ? tid(r, "last") : first;
            if (last.length() != first.length() || prefix(first) != prefix(last) || !last.startsWith(first.substring(0, prefix(first)))
                    || last.compareTo(first) < 0) {
                throw r.error("last", "'" + last + "' does not close a range opened by '" + first + "'");
            }
            String hex = r.requiredString("tmk");
            if (!hex.matches("[0-9A-Fa-f]{16}|[0-9A-Fa-f]{32}")) {
                throw r.error("tmk", "a TMK is 16 or 32 hex digits (single or double length, under the LMK)");
            }
            SecureDESKey tmk;
            try {
                tmk = module.stored((short) (hex.length() * 4), SMAdapter.TYPE_TMK, hex, r.requiredString("check-value"));
            } catch (KeyException e) {
                throw r.error("check-value", "the TMK " + e.getMessage());
            }
            MacAlgorithm mac;
            try {
                mac = MacAlgorithm.parse(r.string("mac", "off"));
            } catch (IllegalArgumentException e) {
                throw r.error("mac", e.getMessage());
            }
            Range range = new Range(first, last, tmk, mac);
            for (Range other : ranges) {
                if (other.holds(first) || other.holds(last) || range.holds(other.first())) {
                    throw r.error("first", "range " + first + "-" + last + " overlaps " + other.first() + "-" + other.last());
                }
            }
            ranges.add(range);
        }
        return new TerminalMasterKeys(module, ranges);
    }

    private static String tid(ConfigFile r, String key) {
        String tid = r.requiredString(key);
        if (!tid.matches("[A-Za-z]*\\d+") || tid.length() != 8) {
            throw r.error(key, "'" + tid + "' is not an 8-character terminal id ending in digits");
        }
        return tid;
    }

    private static int prefix(String tid) {
        int i = 0;
        while (i < tid.length() && !Character.isDigit(tid.charAt(i))) i++;
        return i;
    }

    /** The security module on this file's LMK. */
    public SecurityModule module() {
        return module;
    }

    private Range range(String tid) {
        if (tid == null) return null;
        for (Range r : ranges) if (r.holds(tid)) return r;
        return null;
    }

    /** The terminal's TMK under the LMK, or null when no range holds it. */
    public SecureDESKey tmk(String tid) {
        Range r = range(tid);
        return r == null ? null : r.tmk();
    }

    /** The MAC algorithm for {@code tid} on {@code profile}; {@link MacAlgorithm#OFF} for a terminal in no range. */
    public MacAlgorithm mac(String tid, Profile profile) {
        Range r = range(tid);
        return r == null ? MacAlgorithm.OFF : MacAlgorithm.resolve(r.mac(), profile);
    }

    /** Whether any range has MAC switched on (so clients know to sign on before anything else). */
    public boolean anyMac() {
        for (Range r : ranges) if (r.mac() != MacAlgorithm.OFF) return true;
        return false;
    }

    @Override
    public String toString() {
        return "TerminalMasterKeys[" + ranges.size() + " ranges]";
    }
}
