package io.acqsim.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between a test's ledger and its PostgreSQL server that the test can cut (every connection
 * dropped, new ones refused, as when the database host goes away) and restore on the same port.
 */
public final class TcpCut implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    /** A forwarder to the server {@code jdbcUrl} names, listening on a free loopback port. */
    public TcpCut(String jdbcUrl) throws IOException {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        target = new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort());
        server = listen(0);
        port = server.getLocalPort();
        accept(server);
    }

    /** {@code jdbcUrl} with its host and port replaced by this forwarder's. */
    public String through(String jdbcUrl) {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        return jdbcUrl.replaceFirst(java.util.regex.Pattern.quote(authority), "127.0.0.1:" + port);
    }

    /** Drops every connection and refuses new ones. */
    public void cut() throws IOException {
        server.close();
        for (Socket s : open) s.close();
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public void restore() throws IOException {
        server = listen(port);
        accept(server);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void accept(ServerSocket s) {
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket in = s.accept();
                    Socket out = new Socket(target.getAddress(), target.getPort());
                    open.add(in);
                    open.add(out);
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side or a cut closed it
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        });
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
