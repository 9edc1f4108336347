package io.acqsim.replay.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.capture.Endpoint;
import io.acqsim.capture.LinkLayer;
import io.acqsim.capture.PacketWriter;
import io.acqsim.capture.PcapWriter;
import io.acqsim.capture.PcapngWriter;
import io.acqsim.capture.TcpCaptureWriter;
import io.acqsim.capture.TcpPackets;
import io.acqsim.capture.TimeResolution;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.proxy.FaultProxy;
import io.acqsim.proxy.IsoResponder;
import io.acqsim.proxy.InlineFault;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Captures read back as messages: what {@code acqsim proxy --capture} recorded of real traffic (as pcapng,
 * and the same packets as classic pcap), and synthetic captures for what only a foreign capture has.
 */
class CaptureMessageReaderTest {
    static final Path PACKAGERS = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().resolve("cfg/packagers");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String PAN = "6222021234567890123";

    @TempDir
    Path dir;

    final List<InputProblem> problems = new ArrayList<>();

    List<RecordedMessage> read(Path file, Profile p) throws IOException {
        List<RecordedMessage> out = new ArrayList<>();
        try (CaptureMessageReader r = new CaptureMessageReader(file, unpacker(p), problems::add)) {
            for (RecordedMessage m; (m = r.next()) != null; ) out.add(m);
        }
        return out;
    }

    static FrameUnpacker unpacker(Profile p) {
        return new FrameUnpacker(p, Packagers.load(PACKAGERS, p));
    }

    /**
     * Two terminals through the proxy, one of whose purchase responses a fault drops: the capture holds the
     * requests as sent and the responses as the terminals got them, in order, with their field values.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void proxyCaptureReadsBackAsTheSameMessages(Profile p) throws Exception {
        Path pcapng = dir.resolve("proxy.pcapng");
        Path pcap = dir.resolve("proxy.pcap");
        FaultRegistry faults = new FaultRegistry(1);
        InlineFault.add(faults, "drop-response,mti=0200,tid=T0000001", true);
        List<ISOMsg> expected = new ArrayList<>();
        int proxyPort;
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TcpCaptureWriter capture = new TcpCaptureWriter(new Tee(pcapng, pcap), Clock.systemUTC());
        try (IsoResponder host = new IsoResponder(p);
             FaultProxy proxy = FaultProxy.start(FaultProxy.Config.of(new InetSocketAddress("127.0.0.1", 0), host.address(), p, faults)
                     .withPackagers(PACKAGERS).withCapture(capture))) {
            proxyPort = proxy.port();
            RequestFactory t1 = terminal(p, 1), t2 = terminal(p, 2);
            try (TerminalLink a = link(proxy.port(), p); TerminalLink b = link(proxy.port(), p)) {
                exchange(a, t1.signOn("000001", 1), expected);
                exchange(b, t2.signOn("000001", 1), expected);
                ISOMsg lost = t1.cardPurchase("000002", 1, 1234, PAN, "2912", "051");
                a.send(lost);
                expected.add(lost);
                exchange(a, t1.echo("000003", 1), expected);
                exchange(b, t2.cardPurchase("000002", 1, 99_00, PAN, "2912", "071"), expected);
            }
        }
        Instant end = Instant.now();

        List<RecordedMessage> fromPcapng = read(pcapng, p);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(expected.size(), fromPcapng.size());
        String[] connections = new String[2];
        long lastFrame = 0;
        Instant lastAt = start;
        for (int i = 0; i < expected.size(); i++) {
            RecordedMessage m = fromPcapng.get(i);
            assertEquals(fields(expected.get(i)), fields(m.message()), "message " + i);
            if (p == Profile.CUP) assertArrayEquals(expected.get(i).getHeader(), m.message().getHeader(), "header of message " + i);
            assertEquals(Origin.Unit.FRAME, m.origin().unit());
            assertEquals("proxy.pcapng", m.origin().file());
            assertTrue(m.origin().number() >= lastFrame, "frames in capture order (one read may carry two messages)");
            lastFrame = m.origin().number();
            assertNotNull(m.at());
            assertFalse(m.at().isBefore(lastAt), "times in order");
            assertFalse(m.at().isAfter(end));
            lastAt = m.at();
            assertTrue(m.connection().matches("127\\.0\\.0\\.1:\\d+-127\\.0\\.0\\.1:" + proxyPort), m.connection());
            int terminal = m.tid().equals("T0000001") ? 0 : 1;
            if (connections[terminal] == null) connections[terminal] = m.connection();
            assertEquals(connections[terminal], m.connection(), "one connection per terminal, both directions");
        }
        assertFalse(connections[0].equals(connections[1]));
        assertEquals(List.of("0800", "0810", "0800", "0810", "0200", p == Profile.CUP ? "0820" : "0800", p == Profile.CUP ? "0830" : "0810",
                "0200", "0210"), fromPcapng.stream().map(RecordedMessage::mti).toList(), "the dropped 0210 is not in the client's view");

        List<RecordedMessage> fromPcap = read(pcap, p);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(fromPcapng.size(), fromPcap.size());
        for (int i = 0; i < fromPcap.size(); i++) {
            RecordedMessage a = fromPcapng.get(i), b = fromPcap.get(i);
            assertEquals(fields(a.message()), fields(b.message()));
            assertEquals(a.connection(), b.connection());
            assertEquals(a.origin().number(), b.origin().number());
            assertEquals("proxy.pcap", b.origin().file());
            assertEquals(a.at().truncatedTo(ChronoUnit.MICROS), b.at(), "the pcap has microseconds");
        }
    }

    /** A cup connection the capture joined inside a frame: the next frame boundary is found by unpacking. */
    @Test
    void cupCaptureStartingInsideAFrame() throws Exception {
        Profile p = Profile.CUP;
        RequestFactory t = terminal(p, 1);
        List<ISOMsg> msgs = List.of(t.cardPurchase("000007", 1, 5000, PAN, "2912", "051"), t.signOn("000008", 1),
                t.cardPurchase("000009", 1, 6000, PAN, "2912", "021"));
        byte[] stream = stream(p, msgs);
        int firstLength = 2 + ((stream[0] & 0xFF) << 8 | (stream[1] & 0xFF));
        Path f = dir.resolve("mid.pcapng");
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(f), LinkLayer.RAW, TimeResolution.MICROSECONDS)) {
            Endpoint client = new Endpoint(InetAddress.getByName("10.0.0.5"), 40312), server = new Endpoint(InetAddress.getByName("10.0.0.1"), 8583);
            int at = 17;
            int seq = 1_000;
            Instant time = Instant.parse("2026-10-09T02:00:00Z");
            while (at < stream.length) {
                int n = Math.min(25, stream.length - at);
                byte[] ip = TcpPackets.ip(client, server, seq + at, 1, 0x18, Arrays.copyOfRange(stream, at, at + n));
                w.write(time, ip, 0, ip.length);
                time = time.plusMillis(1);
                at += n;
            }
        }
        List<RecordedMessage> got = read(f, p);
        assertEquals(List.of("000008", "000009"), got.stream().map(RecordedMessage::stan).toList());
        assertEquals(fields(msgs.get(1)), fields(got.get(0).message()));
        assertEquals("10.0.0.5:40312-10.0.0.1:8583", got.get(0).connection());
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(got.get(0).origin(), problems.get(0).origin());
        assertEquals("skipped " + (firstLength - 17) + " bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 (the capture started inside the connection) "
                + "to reach the next frame", problems.get(0).reason());
    }

    @Test
    void frameThatDoesNotUnpackIsReportedAndSkipped() throws Exception {
        Profile p = Profile.ISO87A;
        RequestFactory t = terminal(p, 1);
        Path f = dir.resolve("bad.pcapng");
        try (TcpCaptureWriter w = TcpCaptureWriter.pcapng(f)) {
            TcpCaptureWriter.Connection c = w.open(new InetSocketAddress("10.0.0.5", 40312), new InetSocketAddress("10.0.0.1", 8583));
            c.fromClient(java.nio.ByteBuffer.wrap(stream(p, List.of(t.signOn("000001", 1)))));
            c.fromClient(java.nio.ByteBuffer.wrap(new byte[] {0, 6, '0', '8', 'x', 'x', 'x', 'x'}));
            c.fromClient(java.nio.ByteBuffer.wrap(stream(p, List.of(t.signOn("000002", 1)))));
        }
        List<RecordedMessage> got = read(f, p);
        assertEquals(List.of("000001", "000002"), got.stream().map(RecordedMessage::stan).toList());
        assertEquals(1, problems.size());
        assertEquals(new Origin("bad.pcapng", Origin.Unit.FRAME, 5), problems.get(0).origin(), "handshake 1-3, first 0800 4, bad frame 5");
        assertTrue(problems.get(0).reason().startsWith("a frame of 6 bytes from 10.0.0.5:40312 -> 10.0.0.1:8583 does not unpack as iso87a: "),
                problems::toString);
    }

    @Test
    void truncatedCaptureGivesWhatCameBeforeAndSaysWhere() throws Exception {
        Profile p = Profile.ISO87A;
        RequestFactory t = terminal(p, 1);
        Path f = dir.resolve("whole.pcap");
        try (TcpCaptureWriter w = new TcpCaptureWriter(new PcapWriter(Files.newOutputStream(f), LinkLayer.ETHERNET, TimeResolution.MICROSECONDS),
                Clock.systemUTC())) {
            TcpCaptureWriter.Connection c = w.open(new InetSocketAddress("10.0.0.5", 40312), new InetSocketAddress("10.0.0.1", 8583));
            c.fromClient(java.nio.ByteBuffer.wrap(stream(p, List.of(t.signOn("000001", 1)))));
            c.fromClient(java.nio.ByteBuffer.wrap(stream(p, List.of(t.signOn("000002", 1)))));
        }
        byte[] whole = Files.readAllBytes(f);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 3 * (16 + 54) - 20));
        List<RecordedMessage> got = read(cut, p);
        assertEquals(List.of("000001"), got.stream().map(RecordedMessage::stan).toList());
        assertEquals(new Origin("cut.pcap", Origin.Unit.FRAME, 5), problems.get(0).origin());
        assertTrue(problems.get(0).reason().endsWith("truncated capture"), problems::toString);
    }

    @Test
    void damagedPcapngBlockEndsTheReadWithItsFrameNumber() throws Exception {
        Profile p = Profile.ISO87A;
        RequestFactory t = terminal(p, 1);
        Path f = dir.resolve("damaged.pcapng");
        try (TcpCaptureWriter w = TcpCaptureWriter.pcapng(f)) {
            TcpCaptureWriter.Connection c = w.open(new InetSocketAddress("10.0.0.5", 40312), new InetSocketAddress("10.0.0.1", 8583));
            c.fromClient(java.nio.ByteBuffer.wrap(stream(p, List.of(t.signOn("000001", 1)))));
            c.fromClient(java.nio.ByteBuffer.wrap(stream(p, List.of(t.signOn("000002", 1)))));
        }
        byte[] bytes = Files.readAllBytes(f);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        for (int block = 0; block < 2 + 4; block++) at += b.getInt(at + 4);  // section, interface, frames 1-4
        b.putInt(at + 4, 6);  // frame 5's block claims 6 bytes
        Files.write(f, bytes);
        List<RecordedMessage> got = read(f, p);
        assertEquals(List.of("000001"), got.stream().map(RecordedMessage::stan).toList());
        assertEquals(List.of(new InputProblem(new Origin("damaged.pcapng", Origin.Unit.FRAME, 5),
                "the block at byte " + at + " has a bad length (6); the rest of the file is not read")), problems);
    }

    @Test
    void aFileThatIsNoCaptureFailsAtOnce() throws IOException {
        Path f = Files.writeString(dir.resolve("q2.log"), "<log realm=\"x\" at=\"2026-10-09\"/>");
        assertFalse(CaptureMessageReader.looksLikeCapture(Files.readAllBytes(f)));
        Problems.InputFailure e = assertThrows(Problems.InputFailure.class, () -> read(f, Profile.ISO87A));
        assertEquals(new Origin("q2.log", Origin.Unit.FRAME, 0), e.problem().origin());
        assertTrue(e.problem().reason().contains("is not a pcap or pcapng capture"), e.getMessage());
        assertTrue(CaptureMessageReader.looksLikeCapture(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}));
    }

    static RequestFactory terminal(Profile p, int n) {
        return new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", n), Clock.systemUTC(), SHANGHAI);
    }

    static TerminalLink link(int port, Profile p) throws IOException {
        return new TerminalLink("127.0.0.1", port, p, PACKAGERS, Duration.ofSeconds(5));
    }

    static void exchange(TerminalLink link, ISOMsg request, List<ISOMsg> log) throws Exception {
        log.add((ISOMsg) request.clone());
        ISOMsg response = link.exchange(request);
        assertNotNull(response, "answered within 5 s");
        log.add(response);
    }

    /** MTI and fields 2-128 as text (binary fields in hex). */
    static Map<Integer, String> fields(ISOMsg m) {
        Map<Integer, String> out = new TreeMap<>();
        for (int i = 0; i <= 128; i++) {
            if (i == 1 || !m.hasField(i)) continue;
            Object v = m.getValue(i);
            out.put(i, v instanceof byte[] b ? ISOUtil.hexString(b) : String.valueOf(v));
        }
        return out;
    }

    /** The frames of {@code msgs} as the profile's channel sends them. */
    static byte[] stream(Profile p, List<ISOMsg> msgs) throws ISOException {
        ISOPackager packager = Packagers.load(PACKAGERS, p);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ISOMsg m : msgs) {
            ISOMsg copy = (ISOMsg) m.clone();
            copy.setPackager(packager);
            byte[] body = copy.pack();
            byte[] header = p == Profile.CUP ? m.getHeader() : new byte[0];
            int n = header.length + body.length;
            out.write(n >> 8);
            out.write(n);
            out.writeBytes(header);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Writes every packet to a pcapng and a classic pcap (microseconds), so both formats hold the same traffic. */
    static final class Tee implements PacketWriter {
        private final PcapngWriter ng;
        private final PcapWriter classic;

        Tee(Path pcapng, Path pcap) throws IOException {
            ng = new PcapngWriter(Files.newOutputStream(pcapng), LinkLayer.ETHERNET, TimeResolution.NANOSECONDS);
            classic = new PcapWriter(Files.newOutputStream(pcap), LinkLayer.ETHERNET, TimeResolution.MICROSECONDS);
        }

        @Override
        public int linkType() {
            return LinkLayer.ETHERNET;
        }

        @Override
        public void write(Instant at, byte[] data, int off, int len) throws IOException {
            ng.write(at, data, off, len);
            classic.write(at, data, off, len);
        }

        @Override
        public void flush() throws IOException {
            ng.flush();
            classic.flush();
        }

        @Override
        public void close() throws IOException {
            try (ng; classic) {
                flush();
            }
        }
    }
}
