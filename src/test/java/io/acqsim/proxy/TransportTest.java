package io.acqsim.proxy;

import static io.acqsim.proxy.ProxyTesting.await;
import static io.acqsim.proxy.ProxyTesting.proxy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.channel.epoll.Epoll;

/**
 * Both transports carry the same bytes and the same half-close: epoll (the default where Netty's
 * native library loads) and NIO (the fallback, or {@code -Dacqsim.proxy.transport=nio}). The client
 * writes and sends its FIN at once, before the proxy's target connection is up, which is where the
 * two transports differ: epoll reads what is pending when a FIN arrives even while reading is paused.
 */
class TransportTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Transport.PROPERTY);
    }

    @Test
    void epollIsTheDefaultWhereItLoads() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null)) {
            assertEquals(Epoll.isAvailable() ? "epoll" : "nio", proxy.transport());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void dataAndFinSentBeforeTheTargetIsConnectedAllArrive(String transport) throws Exception {
        assumeTrue(transport.equals("nio") || Epoll.isAvailable(), "epoll does not load on this platform");
        System.setProperty(Transport.PROPERTY, transport);
        byte[] data = new byte[64 << 10]; // within loopback socket buffers: the client writes all before it reads
        new Random(3).nextBytes(data);
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null); WireClient c = new WireClient(proxy.port(), null)) {
            assertEquals(transport, proxy.transport());
            c.write(data);
            c.socket.shutdownOutput();
            assertArrayEquals(data, c.readToEof(10_000), "every byte echoed back after the client's FIN");
            assertEquals(1, echo.eofs.get(), "the target saw the FIN");
            await(() -> proxy.connections() == 0, "the proxy closed both sides");
        }
    }

    @Test
    void anUnknownTransportIsRefusedByName() {
        System.setProperty(Transport.PROPERTY, "io_uring");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> proxy(ProxyTesting.ANY_PORT, null).close());
        assertTrue(e.getMessage().contains("-Dacqsim.proxy.transport=io_uring: expected auto, epoll or nio"), e.getMessage());
    }

    @Test
    void nioCarriesAnExchange() throws Exception {
        System.setProperty(Transport.PROPERTY, "nio");
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null); WireClient c = new WireClient(proxy.port(), null)) {
            c.write("ping".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping", new String(c.readBytes(4, 5000), StandardCharsets.US_ASCII));
        }
    }
}
