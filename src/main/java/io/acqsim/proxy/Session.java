package io.acqsim.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.acqsim.fault.Direction;
import io.acqsim.fault.MessageFacts;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One accepted client connection and its connection to the target. Both channels run on the same
 * event loop, so nothing here needs a lock. Holds what the faults of the session need: the facts of
 * the requests by STAN (so a response can be selected by its request's conditions), the blackhole
 * flag, the FIN seen on each side, and why reading is paused on each side.
 */
final class Session {
    /** Reasons to stop reading a side; it reads while none holds. */
    static final int CONNECTING = 1, PEER_BUSY = 2, BACKLOG = 4;

    private static final Logger LOG = LogManager.getLogger(Session.class);
    private static final int REMEMBERED_REQUESTS = 512;

    final ProxyContext context;
    final Channel client;
    final Random random;
    final String name;
    private Channel target;
    private boolean blackholed;
    private boolean clientEof, targetEof;
    private int clientPaused = CONNECTING, targetPaused;
    private final Map<String, MessageFacts> requests = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageFacts> e) {
            return size() > REMEMBERED_REQUESTS;
        }
    };

    Session(ProxyContext context, Channel client, long seed) {
        this.context = context;
        this.client = client;
        this.random = new Random(seed);
        this.name = String.valueOf(client.remoteAddress());
    }

    void target(Channel t) {
        this.target = t;
    }

    Channel target() { return target; }

    Direction direction(Channel ch) {
        return ch == client ? Direction.REQUEST : Direction.RESPONSE;
    }

    Channel peer(Channel ch) {
        return ch == client ? target : client;
    }

    boolean blackholed() { return blackholed; }

    void rememberRequest(String stan, MessageFacts f) {
        if (stan != null) requests.put(stan, f);
    }

    MessageFacts request(String stan) {
        return stan == null ? null : requests.get(stan);
    }

    /** True until the target connection is up. */
    boolean connecting() {
        return (clientPaused & CONNECTING) != 0;
    }

    void pause(Channel ch, int reason) {
        setPaused(ch, paused(ch) | reason);
    }

    void resume(Channel ch, int reason) {
        setPaused(ch, paused(ch) & ~reason);
    }

    private int paused(Channel ch) {
        return ch == client ? clientPaused : targetPaused;
    }

    private void setPaused(Channel ch, int mask) {
        if (ch == null) return;
        if (ch == client) clientPaused = mask;
        else targetPaused = mask;
        boolean read = mask == 0;
        // Nothing more can be read once the input is shut down; and asking epoll to read then fails
        // (Netty 4.2 epoll_ctl: ENOENT) and would close the side that still has to write.
        if (ch instanceof DuplexChannel d && d.isInputShutdown()) return;
        if (ch.config().isAutoRead() != read) ch.config().setAutoRead(read);
    }

    /** {@code from} sent a FIN and everything before it is written: pass it on; close both once both sides are done. */
    void eof(Channel from) {
        if (blackholed) return;
        if (from == client) clientEof = true;
        else targetEof = true;
        Channel to = peer(from);
        if (clientEof && targetEof) {
            closeBoth();
        } else if (to instanceof DuplexChannel d && to.isActive()) {
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> d.shutdownOutput());
        } else if (to != null) {
            to.close();
        }
    }

    /**
     * {@code from} is closed and everything before it is written: close the other side. While
     * blackholed the client is not told that the target went away (half-open); the target is still
     * closed when the client goes, so abandoned connections do not pile up.
     */
    void closed(Channel from) {
        Channel to = peer(from);
        if (to == null || (blackholed && from == target)) return;
        flushAndClose(to);
    }

    void closeBoth() {
        flushAndClose(client);
        if (target != null) flushAndClose(target);
    }

    /** TCP RST on both sides: SO_LINGER 0, then close. */
    void reset() {
        for (Channel ch : new Channel[] {client, target}) {
            if (ch == null) continue;
            discardPending(ch);
            if (ch.isOpen()) {
                try {
                    ch.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (RuntimeException e) {
                    LOG.debug("cannot set SO_LINGER on {}: {}", ch, e.toString());
                }
                ch.close();
            }
        }
    }

    /** Half-open from now on: nothing more crosses, in either direction; both connections stay up. */
    void blackhole() {
        blackholed = true;
        discardPending(client);
        if (target != null) discardPending(target);
    }

    private static void discardPending(Channel ch) {
        Pacer p = ch.pipeline().get(Pacer.class);
        if (p != null) p.discard();
    }

    private static void flushAndClose(Channel ch) {
        if (ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        else ch.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
