package io.acqsim.replay;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.CupChannel;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.replay.input.Mti;
import io.acqsim.tls.Connector;

/**
 * One replay connection to the target — one per recorded TID, as each terminal had its own — with a
 * reader that hands each answer to the request waiting for it (same MTI class and STAN, as a terminal
 * matches). Open loop ({@link #send}): several requests may wait at once, a reader thread places the
 * answers. Closed loop ({@link #exchange}, pace max and --follow-clock): the sending thread reads until its
 * answer comes, as a terminal does — no reader thread, no hand-off per message. Either way an answer no
 * request waits for is reported as extra, or as late when its request had timed out. A connection the
 * target closed is opened again for the next request; requests still waiting on it get no answer.
 */
final class Lane implements AutoCloseable {
    private static final int LATE_REMEMBERED = 1024;
    /** How long an open-loop lane (which waits for answers without a limit) may take to connect, TLS handshake included. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A request on its way: answered with the target's message, or null on timeout or a lost connection. */
    static final class InFlight {
        final RecordedExchange exchange;
        final ISOMsg sent;
        final CompletableFuture<ISOMsg> answer = new CompletableFuture<>();

        InFlight(RecordedExchange exchange, ISOMsg sent) {
            this.exchange = exchange;
            this.sent = sent;
        }
    }

    /** What the lane cannot place: an answer no request waits for. */
    interface Unmatched {
        void extra(Lane lane, ISOMsg answer);

        void late(Lane lane, ISOMsg answer);
    }

    final String name;
    private final String host;
    private final int port;
    private final Connector connector;
    private final Profile profile;
    private final ISOPackager packager;
    private final Unmatched unmatched;
    private final Duration closedLoopTimeout;
    private final Map<String, ArrayDeque<InFlight>> waiting = new HashMap<>();
    private final Map<String, Boolean> timedOut = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > LATE_REMEMBERED;
        }
    };
    private BaseChannel channel;
    private volatile boolean closed;

    /** {@code closedLoopTimeout}: how long {@link #exchange} waits for an answer; null for an open-loop lane. */
    Lane(String name, ReplayRun.Target target, Profile profile, Unmatched unmatched, Duration closedLoopTimeout) {
        this.name = name;
        this.host = target.host();
        this.port = target.port();
        this.connector = target.connector();
        this.profile = profile;
        this.packager = target.packager();
        this.unmatched = unmatched;
        this.closedLoopTimeout = closedLoopTimeout;
    }

    /** Sends {@code f.sent}; the answer completes {@code f.answer}. An IOException means the target could not be reached. */
    void send(InFlight f) throws IOException, ISOException {
        String key = key(f.sent);
        synchronized (this) {
            waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(f);
        }
        f.answer.whenComplete((m, t) -> {
            if (m == null) forget(key, f);
        });
        try {
            connection().send(f.sent);
        } catch (IOException | ISOException | RuntimeException e) {
            forget(key, f);
            if (e instanceof IOException io) {
                dropConnection();
                throw io;
            }
            if (e instanceof ISOException iso) throw iso;
            throw new ISOException(e.getMessage(), e);
        }
    }

    private synchronized BaseChannel connection() throws IOException {
        if (closed) throw new IOException("replay stopped");
        if (channel != null && channel.isConnected()) return channel;
        TerminalChannel c = profile == Profile.CUP ? new CupChannel(host, port, packager) : new TerminalChannel(host, port, packager);
        c.setTimeout(closedLoopTimeout == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, closedLoopTimeout.toMillis())));
        c.connect(connector.open(host, port, closedLoopTimeout == null ? CONNECT_TIMEOUT : closedLoopTimeout));
        channel = c;
        if (closedLoopTimeout == null) Thread.ofVirtual().name("replay-read " + name).start(() -> read(c));
        return c;
    }

    /**
     * Closed loop: sends {@code f.sent} and reads on this thread until its answer comes (completing
     * {@code f.answer} with it) or the lane's timeout passes (completing it with null); {@code sent} runs once
     * the request is on the wire. An IOException
     * from the send means the target could not be reached; a connection lost while waiting is no answer.
     */
    void exchange(InFlight f, Runnable sent) throws IOException, ISOException {
        String key = key(f.sent);
        BaseChannel c = connection();
        try {
            c.send(f.sent);
        } catch (IOException e) {
            dropConnection();
            throw e;
        } catch (RuntimeException e) {
            throw new ISOException(e.getMessage(), e);
        }
        sent.run();
        long deadline = System.nanoTime() + closedLoopTimeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                ISOMsg m;
                try {
                    m = c.receive();
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (m == null || !m.hasField(0)) continue;
                String k = key(m);
                if (k.equals(key)) {
                    f.answer.complete(m);
                    return;
                }
                boolean late;
                synchronized (this) {
                    late = timedOut.remove(k) != null;
                }
                if (late) unmatched.late(this, m);
                else unmatched.extra(this, m);
            }
            synchronized (this) {
                timedOut.put(key, Boolean.TRUE);
            }
        } catch (IOException | ISOException | RuntimeException e) {
            dropConnection();
        }
        f.answer.complete(null);
    }

    private void read(BaseChannel c) {
        try {
            while (c.isConnected()) {
                ISOMsg m = c.receive();
                if (m == null || !m.hasField(0)) continue;
                InFlight f;
                boolean late;
                String key = key(m);
                synchronized (this) {
                    ArrayDeque<InFlight> q = waiting.get(key);
                    f = q == null ? null : q.pollFirst();
                    if (q != null && q.isEmpty()) waiting.remove(key);
                    late = f == null && timedOut.remove(key) != null;
                }
                if (f != null) f.answer.complete(m);
                else if (late) unmatched.late(this, m);
                else unmatched.extra(this, m);
            }
        } catch (IOException | ISOException | RuntimeException e) {
            // the connection ended (closed by the target, reset, or an unreadable frame): the waiting get no answer
        }
        failWaiting(c);
    }

    private void failWaiting(BaseChannel c) {
        Map<String, ArrayDeque<InFlight>> lost;
        synchronized (this) {
            if (channel != c) return;
            lost = new HashMap<>(waiting);
            waiting.clear();
            channel = null;
        }
        try {
            c.disconnect();
        } catch (IOException e) {
            // already gone
        }
        lost.values().forEach(q -> q.forEach(f -> f.answer.complete(null)));
    }

    private synchronized void forget(String key, InFlight f) {
        ArrayDeque<InFlight> q = waiting.get(key);
        if (q != null && q.remove(f)) {
            if (q.isEmpty()) waiting.remove(key);
            timedOut.put(key, Boolean.TRUE);
        }
    }

    private void dropConnection() {
        BaseChannel c;
        synchronized (this) {
            c = channel;
        }
        if (c != null) failWaiting(c);
    }

    /** Class and STAN: what a terminal matches an answer to its request by. */
    private static String key(ISOMsg m) {
        try {
            return Mti.pairingClass(m.getMTI()) + "/" + m.getString(11);
        } catch (ISOException e) {
            return "?/" + m.getString(11);
        }
    }

    @Override
    public void close() {
        closed = true;
        dropConnection();
    }
}
