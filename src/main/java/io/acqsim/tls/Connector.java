package io.acqsim.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * How a terminal-side client (emulated terminal, load generator, replay) opens its connection to a
 * terminal port: plain TCP, or TLS ({@link TlsConnector}). The socket comes back connected (for TLS,
 * with its handshake done), TCP_NODELAY on and reads waiting at most {@code timeout}.
 */
public interface Connector {
    /** @throws IOException with a message that says what failed (for TLS: handshake, trust, plain port) */
    Socket open(String host, int port, Duration timeout) throws IOException;

    /** Whether connections are TLS, for messages such as "cup 127.0.0.1:8583 (TLS)". */
    boolean tls();

    /** Plain TCP. */
    static Connector plain() {
        return Plain.INSTANCE;
    }

    /** Plain TCP: a connect within the timeout. */
    enum Plain implements Connector {
        INSTANCE;

        @Override
        public Socket open(String host, int port, Duration timeout) throws IOException {
            return connect(host, port, timeout);
        }

        @Override
        public boolean tls() {
            return false;
        }
    }

    /** A TCP connection made within {@code timeout}, reads waiting at most that long; closed again when anything fails. */
    static Socket connect(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), millis);
            s.setSoTimeout(millis);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
