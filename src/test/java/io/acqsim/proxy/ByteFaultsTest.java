package io.acqsim.proxy;

import static io.acqsim.proxy.ProxyTesting.await;
import static io.acqsim.proxy.ProxyTesting.proxy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Byte mode (no profile) in front of an echo server, real sockets on port 0: each action acts on the
 * chunks its rule selects (direction, first N) and leaves the rest alone.
 */
class ByteFaultsTest {

    @Test
    void aLargeTransferPassesIntactBothWays() throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(1).nextBytes(data);
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null); WireClient c = new WireClient(proxy.port(), null)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    c.write(data);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertArrayEquals(data, c.readBytes(data.length, 20_000), "4 MB echoed through the proxy byte for byte");
            writer.join();
        }
    }

    @Test
    void halfCloseIsPassedOnAndBothSidesCloseCleanly() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null); WireClient c = new WireClient(proxy.port(), null)) {
            c.write(bytes("last words"));
            c.socket.shutdownOutput();
            assertEquals("last words", new String(c.readToEof(2000), StandardCharsets.US_ASCII), "the answer still comes after the client's FIN");
            assertEquals(1, echo.eofs.get(), "the target saw the FIN");
            await(() -> proxy.connections() == 0, "the proxy closed both sides");
        }
    }

    @Test
    void latencyDelaysTheSelectedChunkOnly() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "latency,latency=PT0.5S,first=1");
             WireClient c = new WireClient(proxy.port(), null)) {
            long delayed = roundTripMillis(c, "first");
            long plain = roundTripMillis(c, "second");
            assertTrue(delayed >= 500, "the first answer took " + delayed + " ms, at least the 500 ms delay");
            assertTrue(plain < 500, "the second took " + plain + " ms");
        }
    }

    @Test
    void latencyOnRequestsWithJitterStaysWithinItsBounds() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultProxy proxy = proxy(echo.address(), null, "latency,latency=PT0.2S,jitter=PT0.1S,direction=request");
             WireClient c = new WireClient(proxy.port(), null)) {
            long ms = roundTripMillis(c, "ping");
            assertTrue(ms >= 200 && ms < 2000, "took " + ms + " ms: 200 ms + up to 100 ms jitter");
        }
    }

    @Test
    void dropRequestDiscardsChunksOnTheWayIn() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "drop-request,first=1");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(bytes("lost"));
            assertTrue(c.silentFor(300));
            assertEquals(0, echo.received.get(), "the target never got it");
            assertEquals("kept", new String(echo(c, "kept"), StandardCharsets.US_ASCII), "the next chunk passes");
        }
    }

    @Test
    void dropResponseDiscardsChunksOnTheWayBack() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "drop-response,first=1");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(bytes("lost"));
            await(() -> echo.received.get() == 4, "the target got the request");
            assertTrue(c.silentFor(300), "its answer is dropped");
            assertEquals("kept", new String(echo(c, "kept"), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void resetIsSeenAsAConnectionReset() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "reset");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(bytes("boom"));
            SocketException e = assertThrows(SocketException.class, () -> c.readToEof(2000));
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
            await(() -> echo.openConnections() == 0, "the target side is gone too");
        }
    }

    @Test
    void closeAfterBytesPassesNBytesThenCloses() throws Exception {
        byte[] data = new byte[300];
        new Random(2).nextBytes(data);
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "close-after-bytes,bytes=100");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(data);
            byte[] got = c.readToEof(2000);
            assertArrayEquals(java.util.Arrays.copyOf(data, 100), got, "the first 100 bytes, then EOF");
        }
    }

    @Test
    void corruptFlipsTheBitsOfOneByte() throws Exception {
        byte[] data = new byte[64];
        new Random(3).nextBytes(data);
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "corrupt,first=1");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(data);
            byte[] got = c.readBytes(64, 2000);
            int differing = 0;
            for (int i = 0; i < 64; i++) {
                if (got[i] != data[i]) {
                    differing++;
                    assertEquals((byte) ~data[i], got[i], "every bit of byte " + i + " flipped");
                }
            }
            assertEquals(1, differing);
            assertEquals("clean", new String(echo(c, "clean"), StandardCharsets.US_ASCII), "the next chunk is not touched");
        }
    }

    @Test
    void duplicateSendsTheChunkTwice() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "duplicate,first=1");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(bytes("hello"));
            assertEquals("hellohello", new String(c.readBytes(10, 2000), StandardCharsets.US_ASCII));
            c.write(bytes("world"));
            assertEquals("world", new String(c.readBytes(5, 2000), StandardCharsets.US_ASCII));
            assertTrue(c.silentFor(200), "once only");
        }
    }

    @Test
    void blackholeKeepsBothConnectionsOpenAndSilent() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), null, "blackhole");
             WireClient c = new WireClient(proxy.port(), null)) {
            c.write(bytes("anyone?"));
            assertTrue(c.silentFor(300), "no answer and no close");
            c.write(bytes("hello?"));
            assertTrue(c.silentFor(200));
            assertEquals(0, echo.received.get(), "nothing reached the target");
            assertEquals(1, echo.openConnections(), "the target's connection is open: half-open");
            assertEquals(2, proxy.connections());
        }
    }

    @Test
    void bandwidthSlowsALargeTransfer() throws Exception {
        byte[] data = new byte[40_000];
        new Random(4).nextBytes(data);
        try (EchoServer echo = new EchoServer(); FaultProxy plain = proxy(echo.address(), null);
             FaultProxy slow = proxy(echo.address(), null, "bandwidth,bytes-per-second=20000")) {
            transferMillis(plain.port(), data); // warm-up
            long fast = transferMillis(plain.port(), data);
            long throttled = transferMillis(slow.port(), data);
            assertTrue(throttled >= 1800 && throttled < 10_000, "40 KB at 20 KB/s took " + throttled + " ms (2 s expected)");
            assertTrue(fast < throttled / 4, "without the limit " + fast + " ms");
        }
    }

    private static long transferMillis(int port, byte[] data) throws Exception {
        try (WireClient c = new WireClient(port, null)) {
            long t0 = System.nanoTime();
            c.write(data);
            assertArrayEquals(data, c.readBytes(data.length, 10_000));
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    private static long roundTripMillis(WireClient c, String text) throws Exception {
        long t0 = System.nanoTime();
        assertEquals(text, new String(echo(c, text), StandardCharsets.US_ASCII));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static byte[] echo(WireClient c, String text) throws Exception {
        c.write(bytes(text));
        return c.readBytes(text.length(), 3000);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
