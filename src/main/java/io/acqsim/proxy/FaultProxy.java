package io.acqsim.proxy;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jpos.iso.ISOPackager;

import io.acqsim.capture.TcpCaptureWriter;
import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The standalone TCP fault proxy: every accepted client connection gets its own connection to the
 * target, and the {@link io.acqsim.fault.NetworkRule}s of the registry ({@link io.acqsim.fault.Link#TERMINAL};
 * requests are client → target, responses target → client) act on what passes — on chunks in byte
 * mode (no profile), on whole ISO 8583 messages when told the profile. Works in front of acqsim or
 * any other host. Rules can be added to and removed from the registry while it runs.
 * <pre>{@code
 * FaultRegistry faults = new FaultRegistry(1);
 * InlineFault.add(faults, "drop-response,mti=0200", true);
 * try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 8584),
 *         Profile.ISO87A, faults)) {
 *     int port = proxy.port();   // terminals connect here
 * }
 * }</pre>
 * A client that cannot be served (target unreachable, I/O error) loses its own connection only.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(FaultProxy.class);

    /**
     * Everything a proxy needs.
     *
     * @param profile   null for byte mode
     * @param packagers the directory of {@code cup.xml} and {@code iso87a.xml} (message-aware mode)
     * @param clock     what rule windows ({@code from}/{@code to}) are read on
     * @param monitor   told one line per fault activation (besides the log); may be a no-op
     * @param threads   event-loop threads; each connection pair stays on one. One is the default: it
     *                  carries thousands of messages a second, and on a small machine every extra
     *                  thread is one more to wake (docs/BENCHMARKS.md, "Proxy latency")
     * @param capture   records every client connection as the client sees it (requests before the faults,
     *                  responses after them); the proxy closes it when it stops. Null: no capture, and no cost
     */
    public record Config(InetSocketAddress listen, InetSocketAddress target, Profile profile, Path packagers, FaultRegistry registry,
                         Clock clock, Consumer<String> monitor, int threads, TcpCaptureWriter capture) {
        public Config {
            if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(monitor, "monitor");
            if (profile != null) Objects.requireNonNull(packagers, "packagers");
        }

        /** The real clock, the packagers of {@code -Dacqsim.home} (else the working directory), no monitor, one thread. */
        public static Config of(InetSocketAddress listen, InetSocketAddress target, Profile profile, FaultRegistry registry) {
            return new Config(listen, target, profile, defaultPackagers(), registry, Clock.systemUTC(), line -> { }, 1, null);
        }

        public Config withMonitor(Consumer<String> m) {
            return new Config(listen, target, profile, packagers, registry, clock, m, threads, capture);
        }

        public Config withClock(Clock c) {
            return new Config(listen, target, profile, packagers, registry, c, monitor, threads, capture);
        }

        public Config withPackagers(Path dir) {
            return new Config(listen, target, profile, dir, registry, clock, monitor, threads, capture);
        }

        public Config withThreads(int n) {
            return new Config(listen, target, profile, packagers, registry, clock, monitor, n, capture);
        }

        public Config withCapture(TcpCaptureWriter c) {
            return new Config(listen, target, profile, packagers, registry, clock, monitor, threads, c);
        }
    }

    private final Config config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Channel listener;
    private final ChannelGroup channels;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultProxy(Config config, Transport transport, EventLoopGroup group, Channel listener, ChannelGroup channels) {
        this.config = config;
        this.transport = transport;
        this.group = group;
        this.listener = listener;
        this.channels = channels;
    }

    /** Starts a proxy with {@link Config#of}; {@code profile} null for byte mode. */
    public static FaultProxy start(InetSocketAddress listen, InetSocketAddress target, Profile profile, FaultRegistry registry) {
        return start(Config.of(listen, target, profile, registry));
    }

    /**
     * Listens on {@code config.listen()} (port 0: any free port, see {@link #port()}).
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public static FaultProxy start(Config config) {
        ISOPackager packager = config.profile() == null ? null : Packagers.load(config.packagers(), config.profile());
        ProxyContext context = new ProxyContext(config.registry(), config.clock(), config.profile(), packager, config.monitor(), config.capture());
        Transport transport = Transport.choose();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(), new DefaultThreadFactory("acqsim-proxy", true), transport.io());
        ChannelGroup channels = new DefaultChannelGroup("acqsim-proxy", GlobalEventExecutor.INSTANCE);
        AtomicLong sessions = new AtomicLong();
        Bootstrap connector = new Bootstrap()
                .channel(transport.client())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        ServerBootstrap server = new ServerBootstrap()
                .group(group)
                .channel(transport.server())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        channels.add(client);
                        Session s = new Session(context, client, config.registry().seed() * 31 + sessions.incrementAndGet());
                        SidePipeline.install(client.pipeline(), s, Direction.REQUEST);
                        connect(connector, config.target(), s, channels);
                    }
                });
        try {
            Channel listener = server.bind(config.listen()).syncUninterruptibly().channel();
            FaultProxy proxy = new FaultProxy(config, transport, group, listener, channels);
            LOG.info("fault proxy listening on {} for {} ({}; {}, {} thread(s)), {} rule(s)", listener.localAddress(), config.target(),
                    proxy.mode(), transport.name(), config.threads(), config.registry().rules().size());
            return proxy;
        } catch (Exception e) { // bind() throws the socket's checked exception undeclared
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            closeCapture(config.capture());
            if (e instanceof java.io.IOException io) throw new UncheckedIOException("cannot listen on " + config.listen() + ": " + e.getMessage(), io);
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        }
    }

    private static void connect(Bootstrap connector, InetSocketAddress target, Session s, ChannelGroup channels) {
        ChannelFuture f = connector.clone(s.client.eventLoop())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel t) {
                        channels.add(t);
                        s.target(t);
                        SidePipeline.install(t.pipeline(), s, Direction.RESPONSE);
                    }
                })
                .connect(target);
        f.addListener(done -> {
            if (done.isSuccess()) {
                s.resume(s.client, Session.CONNECTING);
                Relay relay = s.client.pipeline().get(Relay.class);
                if (relay != null) relay.targetConnected();
            } else {
                LOG.warn("{}: cannot reach the target {}: {}; closing the client", s, target, done.cause().toString());
                s.client.close();
            }
        });
    }

    /** The port it listens on. */
    public int port() {
        return address().getPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public InetSocketAddress target() {
        return config.target();
    }

    public FaultRegistry registry() {
        return config.registry();
    }

    /** "byte mode" or "message-aware, profile cup". */
    public String mode() {
        return config.profile() == null ? "byte mode" : "message-aware, profile " + config.profile();
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport.name();
    }

    /** Open client and target connections. */
    public int connections() {
        return channels.size();
    }

    /**
     * Stops listening, closes every connection (what is already written is flushed first), stops the
     * threads, and then closes the capture, if any, so it ends with every connection's close.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        listener.close().syncUninterruptibly();
        channels.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        closeCapture(config.capture());
        LOG.info("fault proxy on {} stopped", listener.localAddress());
    }

    private static void closeCapture(TcpCaptureWriter capture) {
        if (capture == null) return;
        try {
            capture.close();
        } catch (java.io.IOException e) {
            LOG.warn("the capture is incomplete: {}", e.getMessage());
        }
    }

    private static Path defaultPackagers() {
        return Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().normalize().resolve("cfg/packagers");
    }
}
