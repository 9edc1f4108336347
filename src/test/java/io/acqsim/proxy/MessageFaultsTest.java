package io.acqsim.proxy;

import static io.acqsim.proxy.ProxyTesting.PAN;
import static io.acqsim.proxy.ProxyTesting.await;
import static io.acqsim.proxy.ProxyTesting.proxy;
import static io.acqsim.proxy.ProxyTesting.stan;
import static io.acqsim.proxy.ProxyTesting.terminal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;

/**
 * Message-aware mode against a tiny ISO responder, real sockets on port 0: each action acts on the
 * messages its selector and window pick, and on no other.
 */
class MessageFaultsTest {

    @ParameterizedTest
    @EnumSource(Profile.class)
    void withoutFaultsMessagesPassUnchanged(Profile p) throws Exception {
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p);
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            ISOMsg purchase = rf.cardPurchase(stan(1), 1, 1234, PAN, "2912", "051");
            t.send(purchase);
            ISOMsg r = t.receive(2000);
            assertEquals("0210", r.getMTI());
            assertEquals("00", r.getString(39));
            assertEquals(purchase.getString(4), r.getString(4));
            ISOMsg seen = host.nextRequest(1000);
            assertEquals(Arrays.toString(purchase.pack()), Arrays.toString(seen.pack()), "the host got the bytes the terminal sent");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void dropResponseOfPurchaseDropsOnlyThe0210(Profile p) throws Exception {
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "drop-response,mti=0200");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            t.send(rf.cardPurchase(stan(1), 1, 1234, PAN, "2912", "051"));
            assertEquals("0200", host.nextRequest(2000).getMTI(), "the host processed the purchase");
            assertTrue(t.silentFor(400), "its 0210 never reaches the terminal");

            t.send(rf.signOn(stan(2), 1));
            ISOMsg r = t.receive(2000);
            assertEquals("0810", r.getMTI(), "a 0800 on the same connection is still answered");
            assertEquals(stan(2), r.getString(11));
        }
    }

    @Test
    void duplicateSendsTheReversalTwice() throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "duplicate,mti=0400,direction=request");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            ISOMsg sale = rf.cardPurchase(stan(1), 1, 1234, PAN, "2912", "051");
            t.send(sale);
            assertEquals("0210", t.receive(2000).getMTI());
            assertEquals("0200", host.nextRequest(1000).getMTI());

            t.send(rf.reversal(sale, false));
            assertEquals("0400", host.nextRequest(2000).getMTI());
            assertEquals("0400", host.nextRequest(2000).getMTI(), "the host receives the 0400 a second time");
            assertEquals("0410", t.receive(2000).getMTI());
            assertEquals("0410", t.receive(2000).getMTI());
            assertNull(host.nextRequest(200), "the purchase was not duplicated, nor the reversal a third time");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void corruptBitmapBreaksTheSelectedAnswerOnly(Profile p) throws Exception {
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "corrupt,mti=0200,target=bitmap");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            ISOMsg sale = rf.cardPurchase(stan(1), 1, 1234, PAN, "2912", "051");
            t.send(sale);
            byte[] frame = t.readFrame(2000);
            long bitmap = bitmap(p, frame);
            // the 0210 echoes field 2 (cup) / 2 (iso87a) as the lowest field: its bit is gone
            assertEquals(0, bitmap & (1L << 62), "field 2's bit is cleared in the bitmap");
            assertTrue(unpacksDifferently(t, frame, sale), "the terminal cannot read the answer it got");

            t.send(rf.signOn(stan(2), 1));
            ISOMsg ok = t.receive(2000);
            assertEquals("0810", ok.getMTI(), "an answer outside the selector is intact");
            assertEquals(stan(2), ok.getString(11));
        }
    }

    @Test
    void corruptMtiTurnsTheAnswerIntoAnotherType() throws Exception {
        Profile p = Profile.CUP;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "corrupt,target=mti,mti=0800");
             WireClient t = new WireClient(proxy.port(), p)) {
            t.send(terminal(p, 1).signOn(stan(1), 1));
            assertEquals("0800", t.receive(2000).getMTI(), "the 0810's MTI arrives as 0800");
        }
    }

    @Test
    void closeAfterBytesGivesAPartialFrameThenClose() throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "close-after-bytes,bytes=10,mti=0200");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            t.send(rf.signOn(stan(1), 1));
            assertEquals("0810", t.receive(2000).getMTI(), "the 0810 before it is whole");

            t.send(rf.cardPurchase(stan(2), 1, 1234, PAN, "2912", "051"));
            byte[] got = t.readToEof(2000);
            assertEquals(10, got.length, "10 bytes of the 0210, then the connection closes");
            assertEquals("0210", new String(got, 2, 4, StandardCharsets.US_ASCII));
            assertTrue(((got[0] & 0xFF) << 8 | (got[1] & 0xFF)) > 8, "the length prefix announces more than came");
            await(() -> host.openConnections() == 0, "the proxy closed the host side too");
        }
    }

    @Test
    void resetOnAGivenMessage() throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "reset,mti=0200");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            t.send(rf.signOn(stan(1), 1));
            assertEquals("0810", t.receive(2000).getMTI());
            assertEquals("0800", host.nextRequest(1000).getMTI());

            t.send(rf.cardPurchase(stan(2), 1, 1234, PAN, "2912", "051"));
            SocketException e = assertThrows(SocketException.class, () -> t.readFrame(2000));
            assertTrue(e.getMessage().contains("reset"), "seen as a reset: " + e.getMessage());
            assertNull(host.nextRequest(200), "the request that triggered the reset never reached the host");
            await(() -> host.openConnections() == 0, "the host side is reset too");
        }
    }

    @Test
    void blackholeFromAGivenMessageOnKeepsTheConnectionOpenAndSilent() throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "blackhole,mti=0200");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            t.send(rf.signOn(stan(1), 1));
            assertEquals("0810", t.receive(2000).getMTI(), "before the 0200 everything passes");
            assertEquals("0800", host.nextRequest(1000).getMTI());

            t.send(rf.cardPurchase(stan(2), 1, 1234, PAN, "2912", "051"));
            assertTrue(t.silentFor(300), "no answer, no close");
            t.send(rf.signOn(stan(3), 1));
            assertTrue(t.silentFor(300), "nothing after it passes either");
            assertNull(host.nextRequest(100), "the host saw neither");
            assertEquals(1, host.openConnections(), "the host side stays open: half-open");
            assertEquals(2, proxy.connections());
        }
    }

    @Test
    void latencyDelaysTheSelectedMessageOnly() throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "latency,latency=PT0.5S,mti=0200");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            long t0 = System.nanoTime();
            t.send(rf.signOn(stan(1), 1));
            t.receive(2000);
            long plain = (System.nanoTime() - t0) / 1_000_000;

            t0 = System.nanoTime();
            t.send(rf.cardPurchase(stan(2), 1, 1234, PAN, "2912", "051"));
            assertEquals("0210", t.receive(3000).getMTI());
            long delayed = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(delayed >= 500, "the 0210 took " + delayed + " ms, at least the 500 ms delay");
            assertTrue(plain < 500, "the 0810 took " + plain + " ms");
        }
    }

    @Test
    void probabilityWithAFixedSeedIsRepeatable() throws Exception {
        List<String> first = answeredStans(7, 40, "drop-response,mti=0800,probability=0.5");
        List<String> second = answeredStans(7, 40, "drop-response,mti=0800,probability=0.5");
        assertEquals(first, second, "the same seed drops the same messages");
        assertTrue(first.size() > 5 && first.size() < 35, "about half are dropped: " + first.size() + " of 40 answered");
    }

    @Test
    void firstNActsOnTheFirstNSelectedMessagesOnly() throws Exception {
        assertEquals(List.of(stan(3), stan(4)), answeredStans(7, 4, "drop-response,mti=0800,first=2"));
    }

    @Test
    void windowActsInsideAndNotOutside() throws Exception {
        String spec = "drop-response,mti=0800,from=2026-10-09T10:00+08:00,to=2026-10-09T10:30+08:00";
        Clock inside = Clock.fixed(OffsetDateTime.of(2026, 10, 9, 10, 15, 0, 0, ZoneOffset.ofHours(8)).toInstant(), ZoneOffset.UTC);
        Clock after = Clock.fixed(OffsetDateTime.of(2026, 10, 9, 10, 30, 0, 0, ZoneOffset.ofHours(8)).toInstant(), ZoneOffset.UTC);
        assertEquals(List.of(), answeredStans(7, inside, 3, spec));
        assertEquals(List.of(stan(1), stan(2), stan(3)), answeredStans(7, after, 3, spec));
    }

    @Test
    void responsesAreSelectedByTheirRequestsConditions() throws Exception {
        Profile p = Profile.ISO87A;
        // the responder's answers carry no 3, 4, 41 or 42: only the request's facts can select them
        try (IsoResponder host = new IsoResponder(p, true);
             FaultProxy proxy = proxy(host.address(), p, "drop-response,min-amount=5000,tid=T0000001");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            t.send(rf.cardPurchase(stan(1), 1, 6000, PAN, "2912", "051"));
            t.send(rf.cardPurchase(stan(2), 1, 1234, PAN, "2912", "051"));
            ISOMsg r = t.receive(2000);
            assertEquals(stan(2), r.getString(11), "only the answer to the 60.00 sale is dropped");
            assertFalse(r.hasField(4));
        }
    }

    @Test
    void aFrameThatDoesNotUnpackIsForwardedUnchanged() throws Exception {
        try (EchoServer echo = new EchoServer(); FaultProxy proxy = proxy(echo.address(), Profile.ISO87A, "drop-response,mti=0200");
             WireClient t = new WireClient(proxy.port(), Profile.ISO87A)) {
            byte[] garbage = {0, 5, 'h', 'e', 'l', 'l', 'o'};
            t.write(garbage);
            assertArrayEquals(garbage, t.readBytes(7, 2000));
        }
    }

    @Test
    void badClientsDoNotStopTheProxy() throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, "latency,latency=PT0.01S,mti=0200")) {
            try (WireClient reset = new WireClient(proxy.port(), p)) {
                reset.write(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});
                reset.socket.setSoLinger(true, 0);
            }
            try (WireClient partial = new WireClient(proxy.port(), p)) {
                partial.write(new byte[] {0, 50, '0', '2'});
                partial.socket.shutdownOutput();
                partial.readToEof(2000);
            }
            try (WireClient garbage = new WireClient(proxy.port(), p)) {
                garbage.write(new byte[] {0, 4, 'x', 'x', 'x', 'x'});
            }
            try (WireClient t = new WireClient(proxy.port(), p)) {
                t.send(terminal(p, 1).signOn(stan(1), 1));
                assertEquals("0810", t.receive(2000).getMTI(), "the next terminal is served");
            }
        }
        try (FaultProxy nowhere = proxy(new java.net.InetSocketAddress("127.0.0.1", freePort()), p)) {
            try (WireClient t = new WireClient(nowhere.port(), p)) {
                assertEquals(0, t.readToEof(5000).length, "a client whose target is unreachable is closed");
            }
            try (WireClient t = new WireClient(nowhere.port(), p)) {
                assertEquals(0, t.readToEof(5000).length, "and the proxy goes on accepting");
            }
        }
    }

    /** STANs 1..n of 0800s, then a 0200 marker nothing drops; returns the 0800 STANs answered before the marker's answer. */
    private static List<String> answeredStans(long seed, int n, String spec) throws Exception {
        return answeredStans(seed, Clock.systemUTC(), n, spec);
    }

    private static List<String> answeredStans(long seed, Clock clock, int n, String spec) throws Exception {
        Profile p = Profile.ISO87A;
        try (IsoResponder host = new IsoResponder(p); FaultProxy proxy = proxy(host.address(), p, seed, clock, spec);
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 1);
            for (int i = 1; i <= n; i++) t.send(rf.signOn(stan(i), 1));
            t.send(rf.cardPurchase(stan(n + 1), 1, 1234, PAN, "2912", "051"));
            List<String> answered = new ArrayList<>();
            while (true) {
                ISOMsg r = t.receive(3000);
                if (r.getMTI().equals("0210")) return answered;
                answered.add(r.getString(11));
            }
        }
    }

    private static long bitmap(Profile p, byte[] frame) {
        int at = p.headerLength() + (p == Profile.CUP ? 2 : 4);
        if (p == Profile.CUP) return java.nio.ByteBuffer.wrap(frame, at, 8).getLong();
        return Long.parseUnsignedLong(new String(frame, at, 16, StandardCharsets.US_ASCII), 16);
    }

    private static boolean unpacksDifferently(WireClient t, byte[] frame, ISOMsg request) {
        try {
            ISOMsg m = t.unpack(frame);
            return !request.getString(2).equals(m.getString(2)) || !request.getString(11).equals(m.getString(11))
                    || !request.getString(41).equals(m.getString(41));
        } catch (ISOException | RuntimeException e) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
