package io.acqsim.proxy;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Releases what the fault stage passes, in order: at once when nothing is held back (the common
 * case, no allocation), else at each item's release time — a {@link Paced} item after its delay
 * and, under a bandwidth limit, in 20 ms slices at the limit's rate; anything behind a held item
 * waits for it, as on one TCP stream. When more than {@value #HIGH} bytes are held, the side stops
 * reading until they drop below {@value #LOW}.
 */
final class Pacer extends ChannelInboundHandlerAdapter {
    static final int HIGH = 256 * 1024, LOW = 64 * 1024;
    private static final long SECOND = 1_000_000_000L;

    private record Item(Object msg, long at, int size) {
    }

    private final Session session;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private long lastRelease;
    private long nextFree;
    private long held;
    private ScheduledFuture<?> timer;

    Pacer(Session session) {
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastRelease = nextFree = System.nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (queue.isEmpty() && !(msg instanceof Paced)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long now = System.nanoTime();
        if (msg instanceof Paced p) {
            hold(p, now);
        } else {
            add(new Item(msg, later(now, lastRelease), msg instanceof ByteBuf b ? b.readableBytes() : 0));
        }
        drain();
    }

    private void hold(Paced p, long now) {
        long start = later(now + p.delayNanos(), lastRelease);
        ByteBuf b = p.bytes();
        if (p.bytesPerSecond() <= 0) {
            add(new Item(b, start, b.readableBytes()));
            return;
        }
        int slice = (int) Math.max(1, Math.min(b.readableBytes(), p.bytesPerSecond() / 50));
        long at = later(start, nextFree);
        while (b.readableBytes() > slice) {
            at += slice * SECOND / p.bytesPerSecond();
            add(new Item(b.readRetainedSlice(slice), at, slice));
        }
        int last = b.readableBytes();
        at += last * SECOND / p.bytesPerSecond();
        add(new Item(b, at, last));
        nextFree = at;
    }

    private void add(Item i) {
        queue.add(i);
        lastRelease = i.at();
        held += i.size();
        if (held > HIGH) session.pause(ctx.channel(), Session.BACKLOG);
    }

    private void onTimer() {
        timer = null;
        drain();
    }

    private void drain() {
        long now = System.nanoTime();
        boolean released = false;
        Item head;
        while ((head = queue.peek()) != null && head.at() - now <= 0) {
            queue.poll();
            held -= head.size();
            ctx.fireChannelRead(head.msg());
            released = true;
        }
        if (released) ctx.fireChannelReadComplete();
        if (held < LOW) session.resume(ctx.channel(), Session.BACKLOG);
        if (head != null && timer == null) timer = ctx.executor().schedule(this::onTimer, head.at() - now, TimeUnit.NANOSECONDS);
    }

    /** Drops every held byte (reset, blackhole); held connection events still pass, in order. */
    void discard() {
        if (timer != null) timer.cancel(false);
        timer = null;
        queue.removeIf(i -> {
            if (!(i.msg() instanceof ByteBuf)) return false;
            ReferenceCountUtil.release(i.msg());
            held -= i.size();
            return true;
        });
        if (ctx != null && !queue.isEmpty()) drain();
        else if (ctx != null) session.resume(ctx.channel(), Session.BACKLOG);
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
