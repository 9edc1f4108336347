package io.acqsim.cli;

import java.nio.file.Path;

import io.acqsim.tls.Connector;
import io.acqsim.tls.TlsConnector;
import picocli.CommandLine.Option;

/**
 * {@code --tls} and {@code --tls-ca FILE}, shared by the commands that connect to a terminal port
 * (terminal, load, replay): how they open their connections.
 */
final class TlsOptions {
    @Option(names = "--tls", description = "Connect with TLS (a host with host.tls.enabled: true)")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM file of the CA certificate (or the host's self-signed certificate) to trust; implies --tls."
                    + " Default with --tls: the JDK's CA certificates")
    Path ca;

    /** Plain TCP, or TLS trusting --tls-ca; a bad CA file fails here with a message naming it. */
    Connector connector() {
        return tls || ca != null ? TlsConnector.of(ca) : Connector.plain();
    }
}
