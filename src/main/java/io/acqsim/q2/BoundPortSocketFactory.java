package io.acqsim.q2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.apache.logging.log4j.LogManager;
import org.jpos.core.Configurable;
import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOServerSocketFactory;
import org.jpos.util.NameRegistrar;

import io.acqsim.fault.FaultRegistry;
import io.acqsim.host.HostServices;

/**
 * Creates a QServer's listening socket on the configured address and records the port it really got
 * (or why it got none) in the NameRegistrar under {@code acqsim.port.<port-key>}, so the launcher can
 * print it and tests can connect. QServer refuses port 0, so {@code ephemeral=true} asks for a free port
 * whatever port the descriptor names.
 * <p>
 * While a host maintenance window that refuses connections is on
 * ({@link io.acqsim.host.link.TerminalLinkFaults#refusingConnections}), every connection is reset (SO_LINGER 0) as soon as it is accepted, before jPOS
 * makes a channel of it: the terminal's connect succeeds at the TCP level and its first read or
 * write fails, as close to "connection refused" as a listening host can get.
 * <p>
 * With {@code tls=true} every accepted connection becomes the server side of a TLS session
 * ({@link TerminalTls}, jPOS's SSL socket factory with the host's {@code host.tls.*} settings); a keystore
 * that cannot be loaded is recorded as the listener's error, so the host does not start.
 */
public final class BoundPortSocketFactory implements ISOServerSocketFactory, Configurable {
    public static final String PREFIX = "acqsim.port.";

    private InetAddress address;
    private boolean ephemeral;
    private String key;
    private int backlog;
    private TerminalTls tls;

    @Override
    public void setConfiguration(Configuration cfg) throws ConfigurationException {
        key = cfg.get("port-key", null);
        if (key == null) throw new ConfigurationException("port-key property not specified");
        ephemeral = cfg.getBoolean("ephemeral", false);
        backlog = cfg.getInt("backlog", 256);
        try {
            address = InetAddress.getByName(cfg.get("bind-address", "127.0.0.1"));
        } catch (IOException e) {
            throw new ConfigurationException("bind-address '" + cfg.get("bind-address") + "' cannot be resolved", e);
        }
        if (cfg.getBoolean("tls", false)) {
            HostServices h = NameRegistrar.getIfExists(HostServices.NAME);
            if (h == null || !h.config().tls().enabled()) throw new ConfigurationException("tls=true needs the host's host.tls.* settings");
            tls = new TerminalTls(h.config().tls());
        }
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        try {
            if (tls != null) tls.start();
        } catch (IOException e) {
            NameRegistrar.register(PREFIX + key, new Bound(-1, e.getMessage()));
            throw e;
        }
        ServerSocket s = new MaintenanceAwareServerSocket(tls);
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(address, ephemeral ? 0 : port), backlog);
        } catch (IOException e) {
            s.close();
            NameRegistrar.register(PREFIX + key, new Bound(-1, "cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage()));
            throw e;
        }
        NameRegistrar.register(PREFIX + key, new Bound(s.getLocalPort(), null));
        return s;
    }

    /** Accepts as usual (over TLS when given), except that it resets connections while host maintenance refuses them. */
    private static final class MaintenanceAwareServerSocket extends ServerSocket {
        private final TerminalTls tls;

        MaintenanceAwareServerSocket(TerminalTls tls) throws IOException {
            super();
            this.tls = tls;
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                Socket s = super.accept();
                FaultRegistry.Maintenance m = refusing();
                if (m == null) {
                    if (tls == null) return s;
                    try {
                        return tls.serverSide(s);
                    } catch (IOException e) {   // the connection went away before TLS could start on it: take the next
                        s.close();
                        continue;
                    }
                }
                LogManager.getLogger("acqsim.faults").info("{} host maintenance: refusing the connection from {}", m.faultId(), s.getRemoteSocketAddress());
                try {
                    s.setSoLinger(true, 0);
                } finally {
                    s.close();
                }
            }
        }

        private static FaultRegistry.Maintenance refusing() {
            HostServices h = NameRegistrar.getIfExists(HostServices.NAME);
            return h == null ? null : h.terminalLinks().refusingConnections();
        }
    }

    /** What a listener got: its port, or the reason it has none. */
    public record Bound(int port, String error) {
    }
}
