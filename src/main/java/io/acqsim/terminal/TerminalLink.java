package io.acqsim.terminal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.CupChannel;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;

/**
 * A terminal's TCP link to a host: one connection, one request at a time, the profile's framing.
 * {@link #exchange} sends a request and waits for the response up to the timeout; on timeout it
 * returns null and the caller decides (a real terminal reverses).
 */
public final class TerminalLink implements AutoCloseable {
    private final BaseChannel channel;

    public TerminalLink(String host, int port, Profile profile, Path packagerDir, Duration timeout) throws IOException {
        this(host, port, profile, Packagers.load(packagerDir, profile), timeout);
    }

    /** With the profile's packager already loaded. */
    public TerminalLink(String host, int port, Profile profile, org.jpos.iso.ISOPackager packager, Duration timeout) throws IOException {
        channel = profile == Profile.CUP ? new CupChannel(host, port, packager) : new TerminalChannel(host, port, packager);
        channel.setTimeout((int) timeout.toMillis());
        channel.connect();
    }

    /** Opens links on demand, as an {@link EmulatedTerminal} needs after a timeout; a failure names the address. */
    public static java.util.function.Supplier<TerminalLink> connector(String host, int port, Profile profile, Path packagerDir, Duration timeout) {
        return () -> {
            try {
                return new TerminalLink(host, port, profile, packagerDir, timeout);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot connect to " + host + ":" + port + " (" + profile + "): " + e.getMessage(), e);
            }
        };
    }

    public ISOMsg exchange(ISOMsg request) throws IOException, ISOException {
        channel.send(request);
        try {
            return channel.receive();
        } catch (SocketTimeoutException e) {
            return null;
        }
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
