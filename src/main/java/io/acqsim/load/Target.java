package io.acqsim.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A host address the load sends to: {@code HOST:PORT}, an IPv6 address in brackets ({@code [::1]:8584}).
 * A run spreads its terminals over its targets round-robin by terminal: the i-th terminal of the run
 * (from 0) sends to target i mod k, on its own connection, for the whole run.
 */
public record Target(String host, int port) {

    public Target {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("a target needs a host");
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port " + port + " of " + host + " is not a TCP port");
    }

    /** {@code H:P,H:P,...}: at least one, none twice; each error names the bad entry. */
    public static List<Target> parseList(String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("--targets is empty: give HOST:PORT[,HOST:PORT...]");
        List<Target> out = new ArrayList<>();
        Set<Target> seen = new LinkedHashSet<>();
        for (String entry : value.split(",", -1)) {
            Target t = parse(entry.strip());
            if (!seen.add(t)) throw new IllegalArgumentException("target " + t + " appears twice in --targets");
            out.add(t);
        }
        return List.copyOf(out);
    }

    /** One {@code HOST:PORT}. */
    public static Target parse(String entry) {
        if (entry.isEmpty()) throw new IllegalArgumentException("--targets has an empty entry: give HOST:PORT[,HOST:PORT...]");
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || close + 1 >= entry.length() || entry.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("target '" + entry + "' is not [IPv6]:PORT");
            }
            host = entry.substring(1, close);
            port = entry.substring(close + 2);
        } else {
            int colon = entry.lastIndexOf(':');
            if (colon < 0) throw new IllegalArgumentException("target '" + entry + "' has no port: give HOST:PORT");
            host = entry.substring(0, colon);
            port = entry.substring(colon + 1);
            if (host.contains(":")) throw new IllegalArgumentException("target '" + entry + "': write an IPv6 address in brackets, [::1]:8584");
        }
        if (host.isBlank()) throw new IllegalArgumentException("target '" + entry + "' has no host: give HOST:PORT");
        if (!port.matches("\\d{1,5}")) throw new IllegalArgumentException("target '" + entry + "': port '" + port + "' is not a number");
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65_535) throw new IllegalArgumentException("target '" + entry + "': port " + p + " is not a TCP port");
        return new Target(host, p);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
