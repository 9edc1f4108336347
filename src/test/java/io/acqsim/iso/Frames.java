package io.acqsim.iso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/** Frames built by hand from the wire description (PRODUCT.md §4.1), and channels attached to a scripted or real socket. */
final class Frames {
    static final Path PACKAGERS = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().resolve("cfg/packagers");

    private Frames() {
    }

    static ISOPackager packager(Profile p) {
        return Packagers.load(PACKAGERS, p);
    }

    /** A purchase of {@code stan} with the fields both profiles' packagers carry. */
    static ISOMsg purchase(String stan) {
        ISOMsg m = new ISOMsg("0200");
        m.set(3, "000000");
        m.set(4, "000000012345");
        m.set(11, stan);
        m.set(41, "T0000001");
        m.set(42, "M00000000000001");
        m.set(49, "156");
        return m;
    }

    static byte[] pack(Profile p, ISOMsg m) throws ISOException {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.setPackager(packager(p));
        return copy.pack();
    }

    /** 2-byte big-endian length that excludes itself, then {@code header} (may be empty), then {@code body}. */
    static byte[] frame(byte[] header, byte[] body) {
        int len = header.length + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(len >> 8);
        out.write(len);
        out.writeBytes(header);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** {@code b} one byte per chunk: every field, the length prefix included, arrives over several reads. */
    static List<byte[]> byteByByte(byte[] b) {
        List<byte[]> chunks = new ArrayList<>(b.length);
        for (int i = 0; i < b.length; i++) chunks.add(new byte[] {b[i]});
        return chunks;
    }

    /** {@code b} cut at {@code cuts} (offsets, ascending). */
    static List<byte[]> cut(byte[] b, int... cuts) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int c : cuts) {
            chunks.add(Arrays.copyOfRange(b, from, c));
            from = c;
        }
        chunks.add(Arrays.copyOfRange(b, from, b.length));
        return chunks;
    }

    /** The host's iso87a channel on {@code socket}. */
    static TerminalChannel iso87a(Socket socket) throws IOException {
        return new Attached(socket);
    }

    /** The host's cup channel on {@code socket} (answers with the TPDU swapped). */
    static CupChannel cupServer(Socket socket) throws IOException {
        return new CupServer(socket);
    }

    /** A terminal's cup channel on {@code socket} (sends its header as it is). */
    static CupChannel cupClient(Socket socket) throws IOException {
        return new CupClient(socket);
    }

    private static final class Attached extends TerminalChannel {
        Attached(Socket socket) throws IOException {
            setPackager(packager(Profile.ISO87A));
            connect(socket);
        }
    }

    private static final class CupServer extends CupChannel {
        CupServer(Socket socket) throws IOException {
            setPackager(packager(Profile.CUP));
            connect(socket);
        }
    }

    private static final class CupClient extends CupChannel {
        CupClient(Socket socket) throws IOException {
            super(socket.getInetAddress().getHostAddress(), socket.getPort(), packager(Profile.CUP));
            connect(socket);
        }
    }
}
