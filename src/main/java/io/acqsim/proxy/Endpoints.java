package io.acqsim.proxy;

import java.net.InetSocketAddress;

/** {@code [HOST:]PORT} and {@code HOST:PORT} as the proxy's options take them; errors name the option. */
final class Endpoints {
    private Endpoints() {
    }

    /** {@code 9583} (loopback) or {@code 0.0.0.0:9583}; port 0 picks a free one. */
    static InetSocketAddress listen(String v) {
        int colon = v.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : v.substring(0, colon);
        return address("--listen", v, host, v.substring(colon + 1), 0, "[HOST:]PORT, e.g. 9583 or 0.0.0.0:9583");
    }

    /** {@code 127.0.0.1:8583}. */
    static InetSocketAddress target(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("--target: '" + v + "' is not HOST:PORT, e.g. 127.0.0.1:8583");
        return address("--target", v, v.substring(0, colon), v.substring(colon + 1), 1, "HOST:PORT, e.g. 127.0.0.1:8583");
    }

    private static InetSocketAddress address(String option, String v, String host, String port, int minPort, String form) {
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not " + form);
        }
        if (p < minPort || p > 65535 || host.isBlank()) throw new IllegalArgumentException(option + ": '" + v + "' is not " + form);
        InetSocketAddress a = new InetSocketAddress(host, p);
        if (a.isUnresolved()) throw new IllegalArgumentException(option + ": host '" + host + "' cannot be resolved");
        return a;
    }
}
