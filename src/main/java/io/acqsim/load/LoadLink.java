package io.acqsim.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.tls.Connector;

/**
 * One load terminal's connection (plain TCP or TLS, from its {@link Connector}): the same frames as the host's channels ({@code TerminalChannel},
 * {@code CupChannel}) — a 2-byte big-endian length that excludes itself, for cup the 11-byte header
 * (TPDU and application header) the message carries, then the message packed by the profile's
 * packager — written and read on a plain socket. The load generator does not use jPOS's client channel:
 * per message that builds a log event, a flight-recorder event with the whole message as text, and
 * takes two locks, which at tens of thousands of messages a second cost the generator a fifth of its
 * CPU and serve no one (the generator keeps no message log). One request at a time; not thread-safe.
 */
final class LoadLink implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ISOPackager packager;
    private final int headerLength;
    private byte[] frame = new byte[512];
    /** The last frame received (header and packed message, without the 2-byte length). */
    private byte[] received = new byte[512];

    /** Connects within {@code timeout}; reads wait at most {@code timeout} ({@link java.net.SocketTimeoutException}). */
    LoadLink(Connector connector, String host, int port, Profile profile, ISOPackager packager, Duration timeout) throws IOException {
        this.packager = packager;
        this.headerLength = profile == Profile.CUP ? CupHeader.LENGTH : 0;
        Socket s = connector.open(host, port, timeout);
        try {
            in = new BufferedInputStream(s.getInputStream(), 4096);
            out = s.getOutputStream();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        socket = s;
    }

    /** Packs {@code m} and writes its frame in one write; cup sends the message's own header (the default one when it has none). */
    void send(ISOMsg m) throws IOException, ISOException {
        m.setPackager(packager);
        byte[] body = m.pack();
        byte[] header = headerLength == 0 ? null : m.getHeader() != null && m.getHeader().length == headerLength ? m.getHeader()
                : CupHeader.defaultHeader();
        int length = headerLength + body.length;
        if (length > 0xFFFF) throw new ISOException("a frame of " + length + " bytes does not fit the 2-byte length");
        if (frame.length < length + 2) frame = new byte[length + 2];
        frame[0] = (byte) (length >> 8);
        frame[1] = (byte) length;
        if (header != null) System.arraycopy(header, 0, frame, 2, headerLength);
        System.arraycopy(body, 0, frame, 2 + headerLength, body.length);
        out.write(frame, 0, length + 2);
    }

    /** Writes {@code frame[0..length)}, a whole frame (2-byte length, header, packed message), in one write. */
    void send(byte[] frame, int length) throws IOException {
        out.write(frame, 0, length);
    }

    /** The next message, unpacked (cup: with the header it came with); a read timeout is a SocketTimeoutException. */
    ISOMsg receive() throws IOException, ISOException {
        int length = receiveFrame();
        if (length < headerLength) throw new ISOException("a frame of " + length + " bytes is shorter than the " + headerLength + "-byte header");
        ISOMsg m = new ISOMsg();
        m.setPackager(packager);
        if (headerLength > 0) m.setHeader(java.util.Arrays.copyOfRange(received, 0, headerLength));
        m.unpack(java.util.Arrays.copyOfRange(received, headerLength, length));
        return m;
    }

    /**
     * Reads the next frame into {@link #received()} (its header, then the packed message) and returns its length,
     * skipping keep-alive frames; a read timeout is a SocketTimeoutException.
     */
    int receiveFrame() throws IOException {
        int length;
        do {
            length = (read() << 8) | read();
        } while (length == 0); // a keep-alive frame carries nothing
        if (received.length < length) received = new byte[length];
        readFully(received, length);
        return length;
    }

    /** The buffer {@link #receiveFrame} fills; valid until the next receive. */
    byte[] received() {
        return received;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("the host closed the connection");
        return b;
    }

    private void readFully(byte[] b, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int r = in.read(b, n, length - n);
            if (r < 0) throw new EOFException("the host closed the connection");
            n += r;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
