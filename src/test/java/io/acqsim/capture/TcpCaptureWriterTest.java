package io.acqsim.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture writer: what it writes reads back as the same connections and frames, with valid packets. */
class TcpCaptureWriterTest {
    static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.5", 40312);
    static final InetSocketAddress HOST = new InetSocketAddress("10.0.0.1", 8583);

    @TempDir
    Path dir;

    final List<CaptureProblem> problems = new ArrayList<>();

    /** A clock that moves 1 µs per reading. */
    static Clock ticking() {
        AtomicLong micros = new AtomicLong();
        Instant t0 = Instant.parse("2026-10-09T02:00:00Z");
        return new Clock() {
            @Override
            public Instant instant() {
                return t0.plus(Duration.ofNanos(1000 * micros.incrementAndGet()));
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    TcpCaptureWriter writer(Path file) throws IOException {
        return new TcpCaptureWriter(new PcapngWriter(Files.newOutputStream(file), LinkLayer.ETHERNET, TimeResolution.NANOSECONDS), ticking());
    }

    List<CapturedFrame> frames(Path file) throws IOException {
        List<CapturedFrame> out = new ArrayList<>();
        try (CaptureFrameReader r = CaptureFrameReader.open(file, FramingRules.DEFAULT, b -> true, problems::add)) {
            for (CapturedFrame f; (f = r.next()) != null; ) out.add(f);
        }
        return out;
    }

    static ByteBuffer frame(byte[] body) {
        return ByteBuffer.wrap(Synthetic.framed(List.of(body)));
    }

    @Test
    void connectionsReadBackWithTheirAddressesFramesAndTimes() throws IOException {
        Path f = dir.resolve("w.pcapng");
        byte[] request = Synthetic.body("request", 60);
        byte[] response = Synthetic.body("response", 80);
        byte[] big = Synthetic.body("big", 0xFFFF);
        try (TcpCaptureWriter w = writer(f)) {
            TcpCaptureWriter.Connection c = w.open(CLIENT, HOST);
            TcpCaptureWriter.Connection v6 = w.open(new InetSocketAddress("2001:db8::5", 50000), new InetSocketAddress("2001:db8::1", 8583));
            c.fromClient(frame(request));
            v6.fromClient(frame(big));
            c.fromServer(frame(response));
            assertEquals("10.0.0.5:40312-10.0.0.1:8583", c.id().toString());
            c.close();
            c.fromClient(frame(request));  // after close: nothing
        }
        List<CapturedFrame> frames = frames(f);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(3, frames.size());
        assertArrayEquals(request, frames.get(0).body());
        assertTrue(frames.get(0).fromClient());
        assertEquals("10.0.0.5:40312-10.0.0.1:8583", frames.get(0).connection().toString());
        assertTrue(frames.get(0).connection().clientKnown());
        assertArrayEquals(big, frames.get(1).body(), "a frame longer than one segment");
        assertEquals("[2001:db8::5]:50000-[2001:db8::1]:8583", frames.get(1).connection().toString());
        assertArrayEquals(response, frames.get(2).body());
        assertEquals(Instant.parse("2026-10-09T02:00:00Z").plusNanos(7_000), frames.get(0).at(), "handshakes of both, then the request");
    }

    @Test
    void packetsHaveValidChecksumsAndSegmentsStayBelowTheIpv4Limit() throws IOException {
        Path f = dir.resolve("sum.pcapng");
        try (TcpCaptureWriter w = writer(f)) {
            TcpCaptureWriter.Connection c = w.open(CLIENT, HOST);
            c.fromClient(ByteBuffer.wrap(new byte[200_001]));
            c.fromServer(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            w.open(new InetSocketAddress("::1", 1), new InetSocketAddress("::1", 2)).fromClient(ByteBuffer.wrap(new byte[7]));
        }
        int packets = 0;
        try (PacketReader r = PacketReader.open(f, problems::add)) {
            for (Packet p; (p = r.next()) != null; packets++) {
                byte[] d = p.data();
                boolean v4 = Bytes.u16(d, 12) == 0x0800;
                int ip = 14;
                int tcp = ip + (v4 ? 20 : 40);
                int tcpLength = d.length - tcp;
                assertTrue(tcpLength - 20 <= TcpPackets.MAX_PAYLOAD);
                long pseudo;
                if (v4) {
                    assertEquals(0, Bytes.checksum(Bytes.sum(0, d, ip, 20)), "IPv4 header checksum of frame " + p.number());
                    assertEquals(d.length - ip, Bytes.u16(d, ip + 2));
                    pseudo = Bytes.sum(0, d, ip + 12, 8);
                } else {
                    pseudo = Bytes.sum(0, d, ip + 8, 32);
                }
                assertEquals(0, Bytes.checksum(Bytes.sum(pseudo + 6 + tcpLength, d, tcp, tcpLength)), "TCP checksum of frame " + p.number());
            }
        }
        assertEquals(3 + 4 + 1 + 3 + 3 + 1 + 3, packets, "handshakes, 4 client segments, 1 server segment, FINs; the IPv6 connection");
    }

    @Test
    void threadsWritingAtOnceKeepEveryConnectionWhole() throws Exception {
        Path f = dir.resolve("threads.pcapng");
        int threads = 4, connections = 25, messages = 20;
        try (TcpCaptureWriter w = writer(f); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int c = 0; c < connections; c++) {
                        TcpCaptureWriter.Connection conn = w.open(new InetSocketAddress("10.1." + thread + "." + c, 40000), HOST);
                        for (int m = 0; m < messages; m++) {
                            conn.fromClient(frame(Synthetic.body(thread + "." + c + "." + m, 40)));
                            conn.fromServer(frame(Synthetic.body(thread + "." + c + "." + m + "r", 40)));
                        }
                        if (c % 2 == 0) conn.close();
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) d.get();
        }
        Map<String, Integer> next = new HashMap<>();
        List<CapturedFrame> frames = frames(f);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(threads * connections * messages * 2, frames.size());
        for (CapturedFrame fr : frames) {
            String key = fr.connection() + (fr.fromClient() ? ">" : "<");
            int m = next.merge(key, 1, Integer::sum) - 1;
            String text = new String(fr.body(), java.nio.charset.StandardCharsets.US_ASCII);
            String thread = fr.connection().client().address().getHostAddress().split("\\.")[2];
            String conn = fr.connection().client().address().getHostAddress().split("\\.")[3];
            assertTrue(text.startsWith("MSG" + thread + "." + conn + "." + m + (fr.fromClient() ? ":" : "r:")), text + " as message " + m + " of " + key);
        }
    }

    @Test
    void aWriteErrorStopsTheRecordingAndCloseReportsIt() throws IOException {
        OutputStream failing = new OutputStream() {
            int writes;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++writes > 2) throw new IOException("disk full");
            }
        };
        TcpCaptureWriter w = new TcpCaptureWriter(new PcapWriter(failing, LinkLayer.RAW, TimeResolution.MICROSECONDS), ticking());
        TcpCaptureWriter.Connection c = w.open(CLIENT, HOST);
        for (int i = 0; i < 1000; i++) c.fromClient(ByteBuffer.wrap(new byte[1000]));
        assertNotNull(w.failure(), "the buffer filled and the stream failed");
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        w.close();
    }

    @Test
    void onlyEthernetAndRawIpAreWritten() throws IOException {
        try (PcapngWriter sll = new PcapngWriter(OutputStream.nullOutputStream(), LinkLayer.LINUX_SLL, TimeResolution.MICROSECONDS)) {
            assertThrows(IllegalArgumentException.class, () -> new TcpCaptureWriter(sll, ticking()));
        }
        Path f = dir.resolve("raw.pcap");
        try (TcpCaptureWriter w = new TcpCaptureWriter(new PcapWriter(Files.newOutputStream(f), LinkLayer.RAW, TimeResolution.MICROSECONDS),
                ticking())) {
            w.open(CLIENT, HOST).fromClient(frame(Synthetic.body("raw", 10)));
            assertNull(w.failure());
        }
        assertEquals(1, frames(f).size());
    }
}
