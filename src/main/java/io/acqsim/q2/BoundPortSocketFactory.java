package io.acqsim.q2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.jpos.core.Configurable;
import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOServerSocketFactory;
import org.jpos.util.NameRegistrar;

/**
 * Creates a QServer's listening socket on the configured address and records the port it really got
 * (or why it got none) in the NameRegistrar under {@code acqsim.port.<port-key>}, so the launcher can
 * print it and tests can connect. QServer refuses port 0, so {@code ephemeral=true} asks for a free port
 * whatever port the descriptor names.
 */
public final class BoundPortSocketFactory implements ISOServerSocketFactory, Configurable {
    public static final String PREFIX = "acqsim.port.";

    private InetAddress address;
    private boolean ephemeral;
    private String key;
    private int backlog;

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
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket s = new ServerSocket();
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

    /** What a listener got: its port, or the reason it has none. */
    public record Bound(int port, String error) {
    }
}
