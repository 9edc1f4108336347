package io.acqsim.proxy;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;

/**
 * A tiny ISO 8583 host for the proxy tests: plain sockets, one virtual thread per connection,
 * answers every request at once with a copy carrying the response MTI and 39=00 (cup: the TPDU
 * swapped). Every request it received is queued for the test to inspect. With
 * {@code stripRequestFields} its answers omit 3, 4, 41 and 42, so only the proxy's memory of the
 * request can select them by those.
 */
public final class IsoResponder implements AutoCloseable {
    static final Path PACKAGERS = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().resolve("cfg/packagers");

    final Profile profile;
    private final ISOPackager packager;
    private final boolean stripRequestFields;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final BlockingQueue<ISOMsg> received = new LinkedBlockingQueue<>();

    public IsoResponder(Profile profile) throws IOException {
        this(profile, false);
    }

    IsoResponder(Profile profile, boolean stripRequestFields) throws IOException {
        this.profile = profile;
        this.packager = Packagers.load(PACKAGERS, profile);
        this.stripRequestFields = stripRequestFields;
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("iso-responder").start(this::accept);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    /** The next request it received, or null within the timeout. */
    ISOMsg nextRequest(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Connections it holds open now. */
    int openConnections() {
        open.removeIf(Socket::isClosed);
        return open.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                int len = in.readUnsignedShort();
                byte[] frame = new byte[len];
                in.readFully(frame);
                int h = profile.headerLength();
                ISOMsg m = new ISOMsg();
                m.setPackager(packager);
                m.unpack(Arrays.copyOfRange(frame, h, len));
                received.add(m);
                ISOMsg r = (ISOMsg) m.clone();
                r.setResponseMTI();
                r.set(39, "00");
                if (stripRequestFields) r.unset(new int[] {3, 4, 41, 42});
                byte[] body = r.pack();
                byte[] header = h == 0 ? new byte[0] : CupHeader.swapped(Arrays.copyOfRange(frame, 0, h));
                byte[] answer = new byte[2 + h + body.length];
                answer[0] = (byte) ((h + body.length) >> 8);
                answer[1] = (byte) (h + body.length);
                System.arraycopy(header, 0, answer, 2, h);
                System.arraycopy(body, 0, answer, 2 + h, body.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException e) {
            // the client closed
        } catch (IOException | ISOException e) {
            // a broken or reset connection ends this session only
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
    }
}
