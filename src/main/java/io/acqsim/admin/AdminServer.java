package io.acqsim.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The admin HTTP/1.1 server: keep-alive connections, request bodies up to {@value #MAX_BODY_BYTES}
 * bytes, every request answered by its route's {@link Handler} on a virtual thread of its own (so a
 * handler may block without holding up other connections), errors from the {@link ApiError}
 * catalogue. Nothing a client sends stops it: a malformed request gets a 400 and its connection is
 * closed.
 * <pre>{@code
 * try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), routes, token)) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class AdminServer implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How long {@link #close()} lets requests in flight finish before interrupting them. */
    private static final long DRAIN_SECONDS = 30;
    private static final Logger LOG = LogManager.getLogger(AdminServer.class);

    private final EventLoopGroup group;
    private final ExecutorService handlers;
    private final Channel listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AdminServer(EventLoopGroup group, ExecutorService handlers, Channel listener) {
        this.group = group;
        this.handlers = handlers;
        this.listener = listener;
    }

    /**
     * Listens on {@code address} (port 0: any free port, see {@link #port()}).
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public static AdminServer start(InetSocketAddress address, Routes routes, String token) {
        return start(address, routes, token, FailedAttempts.Policy.DEFAULT);
    }

    /** As {@link #start(InetSocketAddress, Routes, String)}, with wrong tokens slowed down as {@code slowdown} says. */
    static AdminServer start(InetSocketAddress address, Routes routes, String token, FailedAttempts.Policy slowdown) {
        Dispatcher dispatcher = new Dispatcher(routes, new AdminAuth(token), new FailedAttempts(slowdown));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("acqsim-admin-io", true), NioIoHandler.newFactory());
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("acqsim-admin-", 0).factory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new BodyLimit(MAX_BODY_BYTES))
                                .addLast("dispatch", new AdminChannelHandler(dispatcher, handlers));
                    }
                });
        try {
            Channel listener = bootstrap.bind(address).syncUninterruptibly().channel();
            AdminServer server = new AdminServer(group, handlers, listener);
            LOG.info("admin API listening on {}", listener.localAddress());
            return server;
        } catch (Exception e) {   // Netty rethrows the bind failure, a checked exception, undeclared
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            handlers.shutdownNow();
            throw new UncheckedIOException("admin API cannot listen on " + address + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Stops accepting connections, lets requests in flight finish (up to 30 s, then interrupts them),
     * then closes every connection and waits for the I/O threads to end. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        listener.close().syncUninterruptibly();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("admin API: requests still running after {} s; interrupting them", DRAIN_SECONDS);
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("admin API stopped");
    }
}
