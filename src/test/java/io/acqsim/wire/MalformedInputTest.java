package io.acqsim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Bad input on both wire profiles, sent as raw bytes over real sockets to a real host (PRODUCT.md §9):
 * every malformed frame gets a clear answer (30) or closes only its own connection; the host, an
 * already-open connection and new connections carry on; nothing reaches the ledger; the refused frames
 * are logged without card data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {
    private static final String PAN = "6222021234567890123";
    private static final String TID = "T0000001";
    private static final String MID = "M00000000000001";
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final int MAX_FRAME = 8192;

    private final AtomicInteger stan = new AtomicInteger(100);
    private Path data;
    private TestHost host;

    @BeforeAll
    void start() {
        data = TestHost.tempData();
        host = TestHost.start(data, Map.of("host.idle-timeout", "PT2S", "host.max-frame-bytes", String.valueOf(MAX_FRAME)));
    }

    @AfterAll
    void stop() {
        if (host != null) host.close();
    }

    // ---- the cases ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Profile.class)
    void truncatedFrameThenClose(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {0, 100});
                out.write(filler(p, 40));
                out.flush();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lengthLargerThanDataDoesNotBlockOthersAndIsClosedAfterIdleTimeout(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                s.getOutputStream().write(new byte[] {0, 100});
                s.getOutputStream().write(filler(p, 40));
                s.getOutputStream().flush();
                s.setSoTimeout(200);
                long t0 = System.nanoTime();
                long deadline = t0 + IDLE.plusSeconds(8).toNanos();
                int servedMeanwhile = 0;
                while (true) {
                    if (System.nanoTime() > deadline) fail("a connection stuck mid-frame was not closed within " + IDLE.plusSeconds(8));
                    try {
                        int b = s.getInputStream().read();
                        assertEquals(-1, b, "the server must not answer a frame it has not received in full");
                        break;
                    } catch (SocketTimeoutException e) {
                        // still open: meanwhile, another connection must be served without delay
                        long before = System.nanoTime();
                        assertSignOn(p, other);
                        assertTrue(System.nanoTime() - before < Duration.ofSeconds(1).toNanos(), "another connection waited behind the stuck one");
                        servedMeanwhile++;
                    } catch (SocketException e) {
                        break; // reset: closed as well
                    }
                }
                Duration open = Duration.ofNanos(System.nanoTime() - t0);
                assertTrue(open.compareTo(IDLE.minusMillis(500)) >= 0, "closed after " + open + ", before the idle timeout " + IDLE);
                assertTrue(servedMeanwhile >= 2, "other connections were served " + servedMeanwhile + " times while one was stuck");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void badBitmapIsAnswered30AndTheConnectionStaysUsable(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                byte[] body = p == Profile.ISO87A
                        // bitmap claims fields 2..64, the frame ends inside field 4
                        ? ascii("0200" + "7FFFFFFFFFFFFFFF" + "19" + PAN + "000000")
                        : concat(new byte[] {0x02, 0x00}, hex("7FFFFFFFFFFFFFFF"), hex("19" + PAN + "0"), hex("000000"));
                writeFrame(s, p, body);
                ISOMsg r = readResponse(s, p);
                assertEquals("0210", r.getMTI());
                assertEquals("30", r.getString(39));
                assertFalse(r.hasField(2), "no card data echoed");
                // the same connection still serves a good request
                writeFrame(s, p, pack(p, factory(p).signOn(nextStan(), 1)));
                ISOMsg ok = readResponse(s, p);
                assertEquals("0810", ok.getMTI());
                assertEquals("00", ok.getString(39));
            }
        });
    }

    @Test
    void nonHexBitmapIsAnswered30() throws Exception {
        Profile p = Profile.ISO87A;
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                writeFrame(s, p, ascii("0800" + "GHIJKLMNOPQRSTUV" + "001"));
                ISOMsg r = readResponse(s, p);
                assertEquals("0810", r.getMTI());
                assertEquals("30", r.getString(39));
                writeFrame(s, p, pack(p, factory(p).echo(nextStan(), 1)));
                assertEquals("00", readResponse(s, p).getString(39));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void unknownMtiIsAnswered30(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                ISOMsg m = factory(p).signOn(nextStan(), 1);
                m.setMTI("0900");
                writeFrame(s, p, pack(p, m));
                ISOMsg r = readResponse(s, p);
                assertEquals("0910", r.getMTI());
                assertEquals("30", r.getString(39));
                assertEquals(m.getString(11), r.getString(11), "STAN echoed");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void unreadableMtiClosesOnlyThatConnection(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                byte[] junk = new byte[300];
                new Random(7).nextBytes(junk);
                byte[] body = p == Profile.ISO87A
                        ? concat(ascii("XQ19" + PAN), junk)
                        : concat(new byte[] {(byte) 0xAB, (byte) 0xCD}, hex("19" + PAN + "0"), junk);
                writeFrame(s, p, body);
                assertClosedByServer(s);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void randomFrameOf64KiBClosesTheConnection(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                byte[] b = new byte[2 + 0xFFFF];
                new Random(8583).nextBytes(b);
                b[0] = (byte) 0xFF;
                b[1] = (byte) 0xFF;
                writeIgnoringReset(s, b);
                assertClosedByServer(s);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void lengthAboveMaxFrameBytesClosesTheConnection(Profile p) throws Exception {
        withOtherConnection(p, other -> {
            try (Socket s = raw(p)) {
                byte[] good = pack(p, factory(p).signOn(nextStan(), 1));
                int len = MAX_FRAME + 1;
                byte[] frame = new byte[2 + len];
                frame[0] = (byte) (len >> 8);
                frame[1] = (byte) len;
                byte[] head = p == Profile.CUP ? concat(CupHeader.defaultHeader(), good) : good;
                System.arraycopy(head, 0, frame, 2, head.length);
                writeIgnoringReset(s, frame);
                assertClosedByServer(s);
            }
        });
    }

    @Test
    void refusedFramesAreLoggedWithoutCardData() throws Exception {
        // make sure both kinds of refusal happened at least once, whatever the test order
        for (Profile p : Profile.values()) {
            try (Socket s = raw(p)) {
                writeFrame(s, p, p == Profile.ISO87A ? ascii("XQ19" + PAN + "0000") : concat(new byte[] {(byte) 0xAB, 0x01}, hex("19" + PAN + "0")));
                assertClosedByServer(s);
            }
            try (Socket s = raw(p)) {
                writeFrame(s, p, p == Profile.ISO87A ? ascii("0200" + "7FFFFFFFFFFFFFFF" + "19" + PAN + "000000")
                        : concat(new byte[] {0x02, 0x00}, hex("7FFFFFFFFFFFFFFF"), hex("19" + PAN + "0"), hex("000000")));
                assertEquals("30", readResponse(s, p).getString(39));
            }
        }
        // a well-formed request carrying card data, refused before the ledger (unregistered terminal):
        // its PAN and track 2 must not reach any log either (channel log, transaction manager dumps)
        for (Profile p : Profile.values()) {
            RequestFactory stranger = new RequestFactory(p, "T9999999", MID, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
            try (TerminalLink link = host.connect(p)) {
                assertEquals("58", link.exchange(stranger.cardPurchase(nextStan(), 1, 1000, PAN, "2912", "071")).getString(39));
                assertEquals("58", link.exchange(stranger.cardPurchase(nextStan(), 1, 1000, PAN, "2912", "021")).getString(39));
            }
        }
        Path q2log = data.resolve("log/q2.log");
        String log = awaitLog(q2log, l -> l.contains("unreadable-frame") && l.contains("format-error"));
        assertTrue(log.contains("unreadable-frame"), "q2.log has no unreadable-frame event");
        assertTrue(log.contains("format-error"), "q2.log has no format-error event");
        for (Path f : logFiles()) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(PAN), f + " contains the full PAN");
            assertFalse(text.toLowerCase().contains(PAN + "0"), f + " contains the PAN as BCD hex");
        }
        assertTrue(host.services().ledger().transactions().isEmpty(), "refused requests wrote to the ledger");
    }

    // ---- helpers --------------------------------------------------------------------------------

    interface Case {
        void run(TerminalLink other) throws Exception;
    }

    /**
     * Opens a second connection and signs on with it, runs the bad case, then checks that the host is
     * alive: that already-open connection and a fresh one both get an 0810, and the ledger is unchanged.
     */
    private void withOtherConnection(Profile p, Case badCase) throws Exception {
        int before = host.services().ledger().transactions().size();
        try (TerminalLink other = host.connect(p)) {
            assertSignOn(p, other);
            badCase.run(other);
            assertSignOn(p, other);
        }
        try (TerminalLink fresh = host.connect(p)) {
            assertSignOn(p, fresh);
        }
        for (Profile q : Profile.values()) {
            try (TerminalLink fresh = host.connect(q)) {
                assertSignOn(q, fresh);
            }
        }
        assertEquals(before, host.services().ledger().transactions().size(), "a refused request reached the ledger");
        assertEquals(0, host.services().ledger().reversalCount());
    }

    private void assertSignOn(Profile p, TerminalLink link) throws IOException, ISOException {
        ISOMsg r = link.exchange(factory(p).signOn(nextStan(), 1));
        assertNotNull(r, "no answer to a sign-on");
        assertEquals("0810", r.getMTI());
        assertEquals("00", r.getString(39));
    }

    private String nextStan() {
        return String.format("%06d", stan.incrementAndGet());
    }

    private static RequestFactory factory(Profile p) {
        return new RequestFactory(p, TID, MID, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
    }

    private Socket raw(Profile p) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", host.port(p)), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Bytes that are neither a complete message nor anything the host can answer. */
    private static byte[] filler(Profile p, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) '0');
        if (p == Profile.CUP) System.arraycopy(CupHeader.defaultHeader(), 0, b, 0, CupHeader.LENGTH);
        return b;
    }

    /** Length prefix, the profile's header (cup), then {@code body}. */
    private static void writeFrame(Socket s, Profile p, byte[] body) throws IOException {
        byte[] payload = p == Profile.CUP ? concat(CupHeader.defaultHeader(), body) : body;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(payload.length >> 8);
        out.write(payload.length & 0xFF);
        out.write(payload);
        s.getOutputStream().write(out.toByteArray());
        s.getOutputStream().flush();
    }

    private static void writeIgnoringReset(Socket s, byte[] b) {
        try {
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the server may close while we are still writing; that is the expected outcome
        }
    }

    private static ISOMsg readResponse(Socket s, Profile p) throws IOException, ISOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int len = in.readUnsignedShort();
        byte[] b = new byte[len];
        in.readFully(b);
        int h = p.headerLength();
        ISOMsg m = new ISOMsg();
        m.setPackager(Packagers.load(TestHost.PACKAGERS, p));
        m.unpack(Arrays.copyOfRange(b, h, b.length));
        return m;
    }

    private static byte[] pack(Profile p, ISOMsg m) throws ISOException {
        m.setPackager(Packagers.load(TestHost.PACKAGERS, p));
        return m.pack();
    }

    /** The server closes: EOF or a reset, well before our own read timeout. */
    private static void assertClosedByServer(Socket s) throws IOException {
        s.setSoTimeout(8_000);
        InputStream in = s.getInputStream();
        try {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                fail("the server answered " + n + " bytes to a frame it should have refused: " + HexFormat.of().formatHex(buf, 0, n));
            }
        } catch (SocketTimeoutException e) {
            fail("the server kept the connection open after a frame it cannot read");
        } catch (SocketException | EOFException e) {
            // reset by the server: closed
        }
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> s = Files.walk(data.resolve("log"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static String awaitLog(Path file, java.util.function.Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (ready.test(text)) return text;
            }
            Thread.sleep(50);
        }
        return text;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
