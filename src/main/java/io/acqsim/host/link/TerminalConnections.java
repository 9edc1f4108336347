package io.acqsim.host.link;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOSource;

import io.acqsim.iso.TerminalChannel;

/**
 * What the terminal-link faults of one host do to a whole connection: reset it, close it, or make it
 * deaf (half-open). A deaf connection stays up and keeps being read, but nothing it sends is queued and
 * nothing is sent on it, until the terminal closes it; it is kept weakly, so a closed connection is
 * forgotten.
 */
final class TerminalConnections {
    private final Set<ISOSource> deaf = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Whether any connection was ever made deaf: until then {@link #isDeaf} takes no lock. */
    private volatile boolean anyDeaf;

    boolean isDeaf(ISOSource source) {
        return anyDeaf && deaf.contains(source);
    }

    /**
     * Half-open from now on: nothing more is queued or answered, and the host's idle timeout no longer
     * applies (a real half-open peer never closes), so the connection lasts until the terminal closes it.
     */
    void deafen(ISOSource source) {
        deaf.add(source);
        anyDeaf = true;
        try {
            if (source instanceof TerminalChannel c) c.keepOpenWhenIdle();
            else if (source instanceof BaseChannel c) c.setTimeout(0);
        } catch (SocketException e) {
            // already closed: nothing left to keep open
        }
    }

    /**
     * Closes with SO_LINGER 0: the peer sees a TCP RST, not a FIN, and anything unsent is discarded.
     * Only the socket is closed here; the connection's own session thread, whose read fails, ends the
     * channel as it would for any broken connection.
     */
    static void reset(ISOSource source) {
        close(source, true);
    }

    /** An orderly close (FIN); the session thread ends the channel, as for {@link #reset}. */
    static void close(ISOSource source) {
        close(source, false);
    }

    private static void close(ISOSource source, boolean reset) {
        if (!(source instanceof BaseChannel c)) return;
        Socket s = c.getSocket();
        if (s == null) return;
        try {
            if (reset) s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // the peer went first; the connection is closed either way
        }
    }
}
