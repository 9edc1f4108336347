package io.acqsim.proxy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The proxy's I/O transport: native epoll where Netty's library loads (Linux x86_64 and aarch64), else
 * NIO. Epoll is the default because every message through the proxy costs two extra hops, and epoll
 * makes fewer system calls and wake-ups per hop than NIO's selector (see docs/BENCHMARKS.md, "Proxy
 * latency"). {@code -Dacqsim.proxy.transport=nio} forces NIO, to compare or to work around a platform.
 */
record Transport(String name, IoHandlerFactory io, Class<? extends ServerChannel> server, Class<? extends SocketChannel> client) {
    static final String PROPERTY = "acqsim.proxy.transport";

    static Transport choose() {
        String wanted = System.getProperty(PROPERTY, "auto");
        return switch (wanted) {
            case "nio" -> nio();
            case "epoll" -> {
                if (!Epoll.isAvailable()) throw new IllegalStateException("-D" + PROPERTY + "=epoll: epoll is not available here: "
                        + Epoll.unavailabilityCause());
                yield epoll();
            }
            case "auto" -> Epoll.isAvailable() ? epoll() : nio();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + wanted + ": expected auto, epoll or nio");
        };
    }

    private static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
    }

    private static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
