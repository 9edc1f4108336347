package io.acqsim.capture;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Records TCP connections as a capture of synthetic packets that Wireshark and {@link CaptureFrameReader}
 * read like the real thing: per connection a three-way handshake, the data of each side as segments of at
 * most {@value TcpPackets#MAX_PAYLOAD} bytes with the sequence and acknowledgement numbers a real stack
 * would use (PSH, ACK), and at its end FIN from the client, FIN from the server, the last ACK. Link type
 * Ethernet (locally administered MAC addresses 02:00:00:00:00:01 for clients, :02 for servers) or raw IP,
 * whichever the {@link PacketWriter} says. Each packet is stamped with the clock at the moment it is
 * written.
 * <p>
 * Thread-safe: connections may be written from several threads; packets are written one at a time, in
 * the order the calls take the lock. The first I/O error stops the recording (later calls do nothing) and
 * is thrown by {@link #close}, which also ends the connections still open and flushes the file.
 */
public final class TcpCaptureWriter implements Closeable {
    private static final byte[] CLIENT_MAC = {2, 0, 0, 0, 0, 1};
    private static final byte[] SERVER_MAC = {2, 0, 0, 0, 0, 2};
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final PacketWriter out;
    private final Clock clock;
    private final int headroom;
    private final Set<Connection> open = new LinkedHashSet<>();
    private long opened;
    private boolean closed;
    private IOException failure;

    /** Records to {@code out}, whose link type must be Ethernet or raw IP. */
    public TcpCaptureWriter(PacketWriter out, Clock clock) {
        if (out.linkType() != LinkLayer.ETHERNET && out.linkType() != LinkLayer.RAW) {
            throw new IllegalArgumentException("link type " + out.linkType() + ": only Ethernet (1) and raw IP (101) are written");
        }
        this.out = out;
        this.clock = clock;
        this.headroom = out.linkType() == LinkLayer.ETHERNET ? 14 : 0;
    }

    /** A new pcapng file (replaced if it exists): Ethernet, nanosecond timestamps from the system clock. */
    public static TcpCaptureWriter pcapng(Path file) throws IOException {
        return new TcpCaptureWriter(new PcapngWriter(Files.newOutputStream(file), LinkLayer.ETHERNET, TimeResolution.NANOSECONDS), Clock.systemUTC());
    }

    /** Records a new connection from {@code client} to {@code server}: its handshake is written now. */
    public synchronized Connection open(InetSocketAddress client, InetSocketAddress server) {
        long n = opened++;
        Connection c = new Connection(Endpoint.of(client), Endpoint.of(server), mix(n), mix(n ^ 0x5DEECE66DL));
        if (closed || failure != null) {
            c.closed = true;
            return c;
        }
        open.add(c);
        c.handshake();
        return c;
    }

    /** The error that stopped the recording, or null. */
    public synchronized IOException failure() {
        return failure;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        for (Connection c : new ArrayList<>(open)) c.close();
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
        if (failure != null) throw new IOException("the capture stopped: " + failure.getMessage(), failure);
    }

    private void packet(Endpoint from, Endpoint to, boolean fromClient, int seq, int ack, int flags, ByteBuffer payload) {
        if (failure != null) return;
        byte[] p = TcpPackets.ip(headroom, from, to, seq, ack, flags, payload);
        if (headroom > 0) {
            System.arraycopy(fromClient ? SERVER_MAC : CLIENT_MAC, 0, p, 0, 6);
            System.arraycopy(fromClient ? CLIENT_MAC : SERVER_MAC, 0, p, 6, 6);
            Bytes.put16(p, 12, (p[14] & 0xF0) == 0x40 ? LinkLayer.ETHERTYPE_IPV4 : LinkLayer.ETHERTYPE_IPV6);
        }
        try {
            out.write(clock.instant(), p, 0, p.length);
        } catch (IOException e) {
            failure = e;
        }
    }

    private static int mix(long n) {
        long z = n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (int) (z ^ (z >>> 29));
    }

    /** One recorded connection. Its methods do nothing once it, or the writer, is closed. */
    public final class Connection {
        private final Endpoint client;
        private final Endpoint server;
        private int clientSeq;
        private int serverSeq;
        private boolean closed;

        private Connection(Endpoint client, Endpoint server, int clientIsn, int serverIsn) {
            this.client = client;
            this.server = server;
            this.clientSeq = clientIsn;
            this.serverSeq = serverIsn;
        }

        /** How the capture shows the connection: {@code 10.0.0.5:40312-10.0.0.1:8583}. */
        public TcpConnection id() {
            return new TcpConnection(client, server, true);
        }

        /** Records what the client sent: the bytes between {@code data}'s position and limit, which stay where they are. */
        public void fromClient(ByteBuffer data) {
            send(true, data);
        }

        /** Records what the server sent, as {@link #fromClient}. */
        public void fromServer(ByteBuffer data) {
            send(false, data);
        }

        /** Records the end of the connection: FIN both ways and the last ACK. */
        public void close() {
            synchronized (TcpCaptureWriter.this) {
                if (closed) return;
                closed = true;
                open.remove(this);
                packet(client, server, true, clientSeq, serverSeq, TcpSegment.FIN | TcpSegment.ACK, NOTHING);
                clientSeq++;
                packet(server, client, false, serverSeq, clientSeq, TcpSegment.FIN | TcpSegment.ACK, NOTHING);
                serverSeq++;
                packet(client, server, true, clientSeq, serverSeq, TcpSegment.ACK, NOTHING);
            }
        }

        private void handshake() {
            packet(client, server, true, clientSeq, 0, TcpSegment.SYN, NOTHING);
            clientSeq++;
            packet(server, client, false, serverSeq, clientSeq, TcpSegment.SYN | TcpSegment.ACK, NOTHING);
            serverSeq++;
            packet(client, server, true, clientSeq, serverSeq, TcpSegment.ACK, NOTHING);
        }

        private void send(boolean fromClient, ByteBuffer data) {
            synchronized (TcpCaptureWriter.this) {
                if (closed) return;
                ByteBuffer rest = data.duplicate();
                while (rest.hasRemaining()) {
                    int n = Math.min(rest.remaining(), TcpPackets.MAX_PAYLOAD);
                    ByteBuffer segment = rest.slice(rest.position(), n);
                    if (fromClient) {
                        packet(client, server, true, clientSeq, serverSeq, TcpSegment.PSH | TcpSegment.ACK, segment);
                        clientSeq += n;
                    } else {
                        packet(server, client, false, serverSeq, clientSeq, TcpSegment.PSH | TcpSegment.ACK, segment);
                        serverSeq += n;
                    }
                    rest.position(rest.position() + n);
                }
            }
        }
    }
}
