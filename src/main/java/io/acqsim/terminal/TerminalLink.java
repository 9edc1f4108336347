package io.acqsim.terminal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupChannel;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.tls.Connector;

/**
 * A terminal's link to a host, over plain TCP or TLS ({@link Connector}): one connection, one request
 * at a time, the profile's framing.
 * {@link #exchange} sends a request and waits for the response up to the timeout; on timeout it
 * returns null and the caller decides (a real terminal reverses).
 */
public final class TerminalLink implements AutoCloseable {
    private final TerminalChannel channel;
    private final boolean tls;

    public TerminalLink(String host, int port, Profile profile, Path packagerDir, Duration timeout) throws IOException {
        this(Connector.plain(), host, port, profile, Packagers.load(packagerDir, profile), timeout);
    }

    /** Connects (for TLS: with the handshake) within {@code timeout}; answers are awaited as long. */
    public TerminalLink(Connector connector, String host, int port, Profile profile, Path packagerDir, Duration timeout) throws IOException {
        this(connector, host, port, profile, Packagers.load(packagerDir, profile), timeout);
    }

    /** With the profile's packager already loaded, over plain TCP. */
    public TerminalLink(String host, int port, Profile profile, org.jpos.iso.ISOPackager packager, Duration timeout) throws IOException {
        this(Connector.plain(), host, port, profile, packager, timeout);
    }

    /** With the profile's packager already loaded, over {@code connector}. */
    public TerminalLink(Connector connector, String host, int port, Profile profile, org.jpos.iso.ISOPackager packager, Duration timeout)
            throws IOException {
        channel = profile == Profile.CUP ? new CupChannel(host, port, packager) : new TerminalChannel(host, port, packager);
        channel.setTimeout((int) timeout.toMillis());
        channel.connect(connector.open(host, port, timeout));
        tls = connector.tls();
    }

    /** Opens links on demand, as an {@link EmulatedTerminal} needs after a timeout; a failure names the address. */
    public static java.util.function.Supplier<TerminalLink> connector(String host, int port, Profile profile, Path packagerDir, Duration timeout) {
        return connector(Connector.plain(), host, port, profile, packagerDir, timeout);
    }

    /** As {@link #connector(String, int, Profile, Path, Duration)}, over {@code connector} (plain TCP or TLS). */
    public static java.util.function.Supplier<TerminalLink> connector(Connector connector, String host, int port, Profile profile,
                                                                      Path packagerDir, Duration timeout) {
        return () -> {
            try {
                return new TerminalLink(connector, host, port, profile, packagerDir, timeout);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot connect to " + host + ":" + port + " (" + profile
                        + (connector.tls() ? ", TLS" : "") + "): " + e.getMessage(), e);
            }
        };
    }

    public ISOMsg exchange(ISOMsg request) throws IOException, ISOException {
        channel.send(request);
        return receive();
    }

    public void send(ISOMsg request) throws IOException, ISOException {
        channel.send(request);
    }

    /** The next message from the host, or null when none came within the timeout. */
    public ISOMsg receive() throws IOException, ISOException {
        try {
            return channel.receive();
        } catch (SocketTimeoutException e) {
            return null;
        } catch (EOFException e) {
            throw new EOFException("the host closed the connection without answering"
                    + (tls ? "" : " (a host with TLS on closes plain connections: connect with --tls-ca FILE)"));
        }
    }

    public boolean isConnected() {
        return channel.isConnected();
    }

    @Override
    public void close() throws IOException {
        channel.disconnect();
    }
}
