package io.acqsim.capture;

/**
 * One TCP connection in a {@link Synthetic} capture, written segment by segment: data is placed by its
 * offset in each direction's stream, so tests can send it out of order, twice, or not at all.
 */
final class Conversation {
    final Synthetic capture;
    final Endpoint client;
    final Endpoint server;
    final int clientIsn;
    final int serverIsn;

    Conversation(Synthetic capture, Endpoint client, Endpoint server, int clientIsn, int serverIsn) {
        this.capture = capture;
        this.client = client;
        this.server = server;
        this.clientIsn = clientIsn;
        this.serverIsn = serverIsn;
    }

    TcpConnection id() {
        return new TcpConnection(client, server, true);
    }

    void handshake() {
        capture.segment(client, server, clientIsn, 0, TcpSegment.SYN, new byte[0]);
        capture.segment(server, client, serverIsn, clientIsn + 1, TcpSegment.SYN | TcpSegment.ACK, new byte[0]);
        capture.segment(client, server, clientIsn + 1, serverIsn + 1, TcpSegment.ACK, new byte[0]);
    }

    /** Bytes {@code from}..{@code to} of the client's stream (offset 0 is the first byte after the SYN). */
    long client(byte[] stream, int from, int to) {
        return send(true, stream, from, to, TcpSegment.PSH | TcpSegment.ACK);
    }

    long server(byte[] stream, int from, int to) {
        return send(false, stream, from, to, TcpSegment.PSH | TcpSegment.ACK);
    }

    long send(boolean fromClient, byte[] stream, int from, int to, int flags) {
        byte[] payload = java.util.Arrays.copyOfRange(stream, from, to);
        return fromClient
                ? capture.segment(client, server, clientIsn + 1 + from, serverIsn + 1, flags, payload)
                : capture.segment(server, client, serverIsn + 1 + from, clientIsn + 1, flags, payload);
    }

    /** A FIN after {@code length} bytes of the direction's stream. */
    long fin(boolean fromClient, int length) {
        return fromClient
                ? capture.segment(client, server, clientIsn + 1 + length, serverIsn + 1, TcpSegment.FIN | TcpSegment.ACK, new byte[0])
                : capture.segment(server, client, serverIsn + 1 + length, clientIsn + 1, TcpSegment.FIN | TcpSegment.ACK, new byte[0]);
    }

    long reset(boolean fromClient, int at) {
        return fromClient
                ? capture.segment(client, server, clientIsn + 1 + at, 0, TcpSegment.RST, new byte[0])
                : capture.segment(server, client, serverIsn + 1 + at, 0, TcpSegment.RST, new byte[0]);
    }
}
