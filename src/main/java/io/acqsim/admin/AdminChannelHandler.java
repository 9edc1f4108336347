package io.acqsim.admin;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The last handler of a connection's pipeline. On the event loop it only copies each request out of
 * Netty's buffers; the handler runs on the executor's (virtual) thread and writes its answer back.
 * A connection's requests are answered one after the other, in order, so pipelined requests get their
 * answers in the order they were sent. A request the codec could not parse gets a 400 and the
 * connection is closed (the decoder discards everything after it anyway).
 */
final class AdminChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(AdminChannelHandler.class);
    /** How long a request's thread waits for its answer to be written (a client that reads nothing). */
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final Dispatcher dispatcher;
    private final Executor executor;
    /** The last answer queued on this connection; touched on the event loop only. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    AdminChannelHandler(Dispatcher dispatcher, Executor executor) {
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case FullHttpRequest req when req.decoderResult().isFailure() -> {
                    String why = req.decoderResult().cause() == null ? "unreadable" : req.decoderResult().cause().getMessage();
                    LOG.debug("admin API: malformed HTTP request from {}: {}", ctx.channel().remoteAddress(), why);
                    queue(ctx, true, () -> now(AdminResponse.error(ApiError.BAD_REQUEST, "malformed HTTP request")));
                }
                case FullHttpRequest req -> {
                    AdminRequest request = copy(req);
                    String remote = remote(ctx);
                    queue(ctx, !HttpUtil.isKeepAlive(req), () -> dispatcher.answer(request, remote));
                }
                case BodyLimit.TooLarge tl ->
                        queue(ctx, tl.close(), () -> now(AdminResponse.error(ApiError.BODY_TOO_LARGE,
                                "request body larger than " + AdminServer.MAX_BODY_BYTES + " bytes (1 MiB)")));
                default -> LOG.debug("admin API: ignored {}", msg.getClass().getName());
            }
        } catch (IllegalArgumentException e) {   // a query string the URI decoder refused
            queue(ctx, true, () -> now(AdminResponse.error(ApiError.BAD_REQUEST, "malformed request target")));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Answers after this connection's earlier requests; closes the connection after it when asked to. */
    private void queue(ChannelHandlerContext ctx, boolean close, Supplier<Dispatcher.Answer> work) {
        tail = tail.thenRunAsync(() -> write(ctx, answer(work), close), executor)
                .exceptionally(t -> {   // the executor refused: the server is closing
                    ctx.close();
                    return null;
                });
    }

    private static Dispatcher.Answer now(AdminResponse r) {
        return Dispatcher.Answer.now(r);
    }

    /** The client's IP address as text (what failed attempts are counted by). */
    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    private static Dispatcher.Answer answer(Supplier<Dispatcher.Answer> work) {
        try {
            return work.get();
        } catch (Throwable t) {   // an Error out of a handler: still answer, the connection goes on
            LOG.error("admin API request failed", t);
            return now(AdminResponse.error(ApiError.INTERNAL, null));
        }
    }

    /**
     * Writes the answer, after its delay when it has one: the write is then scheduled on the connection's
     * event loop, which is not held meanwhile (only this request's virtual thread waits, so the
     * connection's later answers still come in order).
     */
    private static void write(ChannelHandlerContext ctx, Dispatcher.Answer a, boolean close) {
        AdminResponse r = a.response();
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach((name, value) -> out.headers().set(name, value));
        if (close) out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        Promise<Void> written = ctx.executor().newPromise();
        Runnable send = () -> {
            ChannelFuture f = ctx.writeAndFlush(out);
            if (close) f.addListener(ChannelFutureListener.CLOSE);
            f.addListener(done -> written.trySuccess(null));
        };
        try {
            if (a.delay().isZero()) send.run();
            else ctx.executor().schedule(send, a.delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {   // the server is closing: no answer
            ReferenceCountUtil.release(out);
            return;
        }
        // Wait until the answer is on the wire: a request counts as finished only then, so that
        // AdminServer.close(), which waits for requests and then stops the I/O threads, loses no answer.
        try {
            written.await(TimeUnit.SECONDS.toMillis(WRITE_TIMEOUT_SECONDS) + a.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AdminRequest copy(FullHttpRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        return AdminRequest.of(req.method().name(), req.uri(), headers, ByteBufUtil.getBytes(req.content()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin API connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
