package io.acqsim.proxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;

/**
 * A terminal at the wire level for the proxy tests: packs and frames requests (cup: the default
 * TPDU and application header), reads raw frames, and tells apart an answer, silence (timeout), a
 * clean close (EOF) and a reset.
 */
final class WireClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final Profile profile;
    private final ISOPackager packager;

    WireClient(int port, Profile profile) throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.profile = profile;
        this.packager = profile == null ? null : Packagers.load(IsoResponder.PACKAGERS, profile);
    }

    /** The frame, length prefix included, that the client sends for {@code m}. */
    byte[] frame(ISOMsg m) throws ISOException {
        m.setPackager(packager);
        byte[] body = m.pack();
        byte[] header = profile == Profile.CUP ? CupHeader.defaultHeader() : new byte[0];
        int len = header.length + body.length;
        byte[] f = new byte[2 + len];
        f[0] = (byte) (len >> 8);
        f[1] = (byte) len;
        System.arraycopy(header, 0, f, 2, header.length);
        System.arraycopy(body, 0, f, 2 + header.length, body.length);
        return f;
    }

    void send(ISOMsg m) throws IOException, ISOException {
        write(frame(m));
    }

    void write(byte[] b) throws IOException {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    /** The next frame's bytes after the length prefix; SocketTimeoutException when none comes in {@code millis}. */
    byte[] readFrame(int millis) throws IOException {
        socket.setSoTimeout(millis);
        int len = in.readUnsignedShort();
        byte[] f = new byte[len];
        in.readFully(f);
        return f;
    }

    /** The next message, unpacked. */
    ISOMsg receive(int millis) throws IOException, ISOException {
        return unpack(readFrame(millis));
    }

    ISOMsg unpack(byte[] frame) throws ISOException {
        ISOMsg m = new ISOMsg();
        m.setPackager(packager);
        m.unpack(Arrays.copyOfRange(frame, profile.headerLength(), frame.length));
        return m;
    }

    /** True when nothing arrives within {@code millis} and the connection is still open. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            if (b < 0) throw new EOFException("the proxy closed the connection");
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** Exactly {@code n} bytes. */
    byte[] readBytes(int n, int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** Everything until the other side closes. */
    byte[] readToEof(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
