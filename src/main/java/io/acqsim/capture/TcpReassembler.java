package io.acqsim.capture;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts the two byte streams of every TCP connection back in order from captured segments, by sequence
 * number (32-bit, wrapping):
 * <ul>
 * <li>in-order bytes go to the direction's {@link StreamConsumer} at once;</li>
 * <li>a segment ahead of the stream waits, up to {@code maxBuffered} bytes per direction; beyond that the
 *     missing bytes are reported and skipped ({@link StreamConsumer#gap}) and the stream goes on from the
 *     first waiting segment;</li>
 * <li>a retransmitted or overlapping segment gives only the bytes not delivered yet: the first copy wins;</li>
 * <li>a SYN sets the direction's initial sequence number; a connection whose first captured segment
 *     carries data without a SYN (the capture started after the handshake) starts at that segment, and
 *     its consumer is told it may start inside a frame;</li>
 * <li>a FIN ends the direction once every byte before it has arrived; a RST ends both;</li>
 * <li>a SYN with another initial sequence on the same ports starts a new connection.</li>
 * </ul>
 * Memory stays bounded on long captures: a connection's state is dropped when both directions ended (its
 * ports are remembered a while so late retransmissions do not open a phantom connection), at most
 * {@code maxConnections} are tracked (the least recently active is ended when another opens), and all
 * directions together hold at most {@code 32 × maxBuffered} bytes out of order. Not thread-safe.
 */
public final class TcpReassembler {
    public static final int DEFAULT_MAX_BUFFERED = 1 << 20;
    public static final int DEFAULT_MAX_CONNECTIONS = 65_536;
    private static final int REMEMBERED_CLOSED = 65_536;

    /** Where one direction's bytes go, in order. Arrays passed to {@link #data} are only lent: copy what is kept. */
    public interface StreamConsumer {
        void data(byte[] b, int off, int len, PacketRef at);

        /** {@code bytes} of the stream will never come: what follows does not continue what came before. */
        void gap(long bytes, PacketRef at);

        /** The direction ended (FIN, RST, the end of the capture); nothing more comes. */
        void end(PacketRef at);
    }

    /** Gives the consumer of a direction when it starts; {@code fromStart} is false when the capture missed its beginning. */
    @FunctionalInterface
    public interface StreamOpener {
        StreamConsumer open(TcpConnection connection, boolean fromClient, boolean fromStart);
    }

    private record Key(Endpoint a, Endpoint b) {
        static Key of(Endpoint x, Endpoint y) {
            return x.compareTo(y) <= 0 ? new Key(x, y) : new Key(y, x);
        }
    }

    private record Pending(byte[] data, int length) {
    }

    private final StreamOpener opener;
    private final Consumer<CaptureProblem> problems;
    private final int maxBuffered;
    private final int maxConnections;
    private final long maxBufferedTotal;
    private final LinkedHashMap<Key, Connection> open = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, Boolean> closed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> e) {
            return size() > REMEMBERED_CLOSED;
        }
    };
    private long bufferedTotal;
    private boolean warnedConnections;

    public TcpReassembler(StreamOpener opener, Consumer<CaptureProblem> problems) {
        this(opener, problems, DEFAULT_MAX_BUFFERED, DEFAULT_MAX_CONNECTIONS);
    }

    public TcpReassembler(StreamOpener opener, Consumer<CaptureProblem> problems, int maxBuffered, int maxConnections) {
        this.opener = opener;
        this.problems = problems;
        this.maxBuffered = maxBuffered;
        this.maxConnections = maxConnections;
        this.maxBufferedTotal = 32L * maxBuffered;
    }

    /** Connections tracked now. */
    public int openConnections() {
        return open.size();
    }

    public void accept(TcpSegment s, PacketRef at) {
        Key key = Key.of(s.source(), s.destination());
        Connection c = open.get(key);
        boolean syn = s.has(TcpSegment.SYN);
        if (c == null) {
            if (s.has(TcpSegment.RST) || !syn && (closed.containsKey(key) || s.length() == 0 && !s.has(TcpSegment.FIN))) return;
            closed.remove(key);
            c = new Connection(identify(s));
            open.put(key, c);
            if (open.size() > maxConnections) evictEldest(at);
        }
        Direction d = c.direction(s.source());
        if (s.has(TcpSegment.RST)) {
            end(key, c, at);
            return;
        }
        if (syn && d.started && d.isn != s.seq()) {
            end(key, c, at);
            accept(s, at);
            return;
        }
        if (!d.started) {
            if (!syn && s.length() == 0 && !s.has(TcpSegment.FIN)) return;
            d.start(syn ? s.seq() + 1 : s.seq(), syn, s.seq());
        }
        if (syn && s.has(TcpSegment.ACK)) {
            Direction other = c.other(d);
            // the SYN-ACK acknowledges the client's SYN: its stream starts at the acknowledged number
            if (!other.started) other.start(s.ack(), true, s.ack() - 1);
        }
        int dataSeq = syn ? s.seq() + 1 : s.seq();
        long offset = d.offset(dataSeq);
        if (s.length() > 0) d.insert(offset, s, at);
        if (s.has(TcpSegment.FIN) && d.fin < 0) d.fin = offset + s.length();
        d.endIfComplete(at);
        if (c.ended()) {
            open.remove(key);
            closed.put(key, Boolean.TRUE);
        } else if (bufferedTotal > maxBufferedTotal) {
            relieve(at);
        }
    }

    /** The capture ended: every connection delivers what it holds (reporting what it misses) and ends. */
    public void finish(PacketRef at) {
        for (Iterator<Connection> i = open.values().iterator(); i.hasNext(); ) {
            Connection c = i.next();
            c.toServer.flush(at, "at the end of the capture");
            c.toClient.flush(at, "at the end of the capture");
            i.remove();
        }
    }

    private static TcpConnection identify(TcpSegment s) {
        Endpoint src = s.source(), dst = s.destination();
        if (s.has(TcpSegment.SYN)) return s.has(TcpSegment.ACK) ? new TcpConnection(dst, src, true) : new TcpConnection(src, dst, true);
        return dst.port() > src.port() ? new TcpConnection(dst, src, false) : new TcpConnection(src, dst, false);
    }

    private void end(Key key, Connection c, PacketRef at) {
        c.toServer.flush(at, "when the connection was reset");
        c.toClient.flush(at, "when the connection was reset");
        open.remove(key);
        closed.put(key, Boolean.TRUE);
    }

    private void evictEldest(PacketRef at) {
        Map.Entry<Key, Connection> eldest = open.entrySet().iterator().next();
        if (!warnedConnections) {
            warnedConnections = true;
            problems.accept(new CaptureProblem(at.number(), "more than " + maxConnections + " connections are open at once; "
                    + "the least recently active ones are ended early from here on (first: " + eldest.getValue().id + ")"));
        }
        Connection c = eldest.getValue();
        c.toServer.flush(at, "when it was ended early");
        c.toClient.flush(at, "when it was ended early");
        open.remove(eldest.getKey());
    }

    /** Too many bytes wait out of order across all connections: the least recently active directions skip ahead. */
    private void relieve(PacketRef at) {
        for (Connection c : open.values()) {
            if (bufferedTotal <= maxBufferedTotal) return;
            while (!c.toServer.pending.isEmpty()) c.toServer.skipAhead(at, "too many bytes wait out of order in the whole capture");
            while (!c.toClient.pending.isEmpty()) c.toClient.skipAhead(at, "too many bytes wait out of order in the whole capture");
        }
    }

    private final class Connection {
        final TcpConnection id;
        final Direction toServer;
        final Direction toClient;

        Connection(TcpConnection id) {
            this.id = id;
            this.toServer = new Direction(id, true);
            this.toClient = new Direction(id, false);
        }

        Direction direction(Endpoint source) {
            return source.equals(id.client()) ? toServer : toClient;
        }

        Direction other(Direction d) {
            return d == toServer ? toClient : toServer;
        }

        boolean ended() {
            return toServer.ended && toClient.ended;
        }
    }

    private final class Direction {
        final TcpConnection connection;
        final boolean fromClient;
        final TreeMap<Long, Pending> pending = new TreeMap<>();
        StreamConsumer consumer;
        boolean started, ended;
        int isn;
        /** The sequence number of stream offset 0. */
        int base;
        long delivered;
        long pendingBytes;
        long fin = -1;

        Direction(TcpConnection connection, boolean fromClient) {
            this.connection = connection;
            this.fromClient = fromClient;
        }

        void start(int firstSeq, boolean fromStart, int seq) {
            started = true;
            isn = fromStart ? seq : firstSeq - 1;
            base = firstSeq;
            consumer = opener.open(connection, fromClient, fromStart);
        }

        /** The stream offset of {@code seq}, taken as the nearest one to what was delivered (sequence numbers wrap). */
        long offset(int seq) {
            return delivered + (seq - (base + (int) delivered));
        }

        void insert(long offset, TcpSegment s, PacketRef at) {
            if (ended) return;
            long end = offset + s.length();
            if (end <= delivered) return;
            int skip = (int) Math.max(0, delivered - offset);
            if (offset + skip == delivered) {
                deliver(s.data(), s.offset() + skip, s.length() - skip, at);
                drain(at);
                return;
            }
            // the first copy wins: skip what segments waiting at the same place already hold
            int from = 0;
            for (Pending earlier; (earlier = pending.get(offset + from)) != null; from += earlier.length()) {
                if (from + earlier.length() >= s.length()) return;
            }
            byte[] copy = s.lost() ? null : Arrays.copyOfRange(s.data(), s.offset() + from, s.offset() + s.length());
            pending.put(offset + from, new Pending(copy, s.length() - from));
            pendingBytes += s.length() - from;
            bufferedTotal += s.length() - from;
            while (pendingBytes > maxBuffered) skipAhead(at, "more than " + maxBuffered + " bytes wait behind them");
        }

        /** Delivers {@code len} bytes at the stream's current end; {@code b} null for bytes the capture lost. */
        private void deliver(byte[] b, int off, int len, PacketRef at) {
            if (b == null) consumer.gap(len, at);
            else consumer.data(b, off, len, at);
            delivered += len;
        }

        void drain(PacketRef at) {
            while (!pending.isEmpty() && pending.firstKey() <= delivered) {
                Map.Entry<Long, Pending> e = pending.pollFirstEntry();
                Pending p = e.getValue();
                pendingBytes -= p.length();
                bufferedTotal -= p.length();
                long end = e.getKey() + p.length();
                if (end <= delivered) continue;
                int skip = (int) (delivered - e.getKey());
                deliver(p.data(), p.data() == null ? 0 : skip, p.length() - skip, at);
            }
        }

        /** Gives up on the bytes missing before the first waiting segment. */
        void skipAhead(PacketRef at, String why) {
            long first = pending.firstKey();
            long missing = first - delivered;
            problems.accept(new CaptureProblem(at.number(), missing + " bytes of " + connection.direction(fromClient)
                    + " were not captured (" + why + "); skipped"));
            consumer.gap(missing, at);
            delivered = first;
            drain(at);
        }

        void endIfComplete(PacketRef at) {
            if (!ended && fin >= 0 && delivered >= fin) {
                ended = true;
                consumer.end(at);
            }
        }

        /** Ends the direction: what waits is delivered, with a gap for each hole. */
        void flush(PacketRef at, String when) {
            if (ended || !started) {
                ended = true;
                return;
            }
            while (!pending.isEmpty()) skipAhead(at, when);
            if (fin > delivered) {
                problems.accept(new CaptureProblem(at.number(), (fin - delivered) + " bytes of " + connection.direction(fromClient)
                        + " before its FIN were not captured; skipped"));
                consumer.gap(fin - delivered, at);
            }
            ended = true;
            consumer.end(at);
        }
    }
}
