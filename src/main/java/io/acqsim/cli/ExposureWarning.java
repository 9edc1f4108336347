package io.acqsim.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What {@code acqsim run} says when it listens on an address other than loopback: which ports other
 * machines can now reach, and what each lets them do.
 */
final class ExposureWarning {
    private ExposureWarning() {}

    /** The warning, or empty when {@code bindAddress} is a loopback address. */
    static Optional<String> of(String bindAddress, int cupPort, int iso87aPort, int adminPort, boolean tls) {
        if (isLoopback(bindAddress)) return Optional.empty();
        String transport = tls ? "TLS" : "plain TCP, unencrypted (host.tls.enabled turns TLS on)";
        return Optional.of(String.format(
                "WARNING: listening on %s, not loopback: other machines can reach%n"
                        + "  - the terminal ports cup %d and iso87a %d (%s): any terminal of the registry can sign on and transact;%n"
                        + "  - the admin API on port %d, plain HTTP: /health and /metrics answer anyone (ports, volumes, response codes);%n"
                        + "    every other route (clock, faults, scenarios, settlement, transactions) needs the admin token, which crosses the network in clear.%n"
                        + "  Bind to 127.0.0.1 (the default) unless this is what you want.",
                bindAddress, cupPort, iso87aPort, transport, adminPort));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
