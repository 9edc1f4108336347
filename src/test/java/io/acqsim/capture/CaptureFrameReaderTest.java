package io.acqsim.capture;

import static io.acqsim.capture.Synthetic.body;
import static io.acqsim.capture.Synthetic.endpoint;
import static io.acqsim.capture.Synthetic.framed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCP reassembly and frame cutting on synthetic captures: the exact frames come out, in the order the
 * capture completed them, whatever the segmentation, and what is skipped is reported.
 */
class CaptureFrameReaderTest {
    static final FramingRules RULES = new FramingRules(8192, 64 * 1024);
    static final Endpoint CLIENT = endpoint("10.0.0.5", 40312);
    static final Endpoint HOST = endpoint("10.0.0.1", 8583);

    @TempDir
    Path dir;

    final List<CaptureProblem> problems = new ArrayList<>();

    List<CapturedFrame> read(Path file) throws IOException {
        List<CapturedFrame> out = new ArrayList<>();
        try (CaptureFrameReader r = CaptureFrameReader.open(file, RULES, Synthetic::plausible, problems::add)) {
            for (CapturedFrame f; (f = r.next()) != null; ) out.add(f);
        }
        return out;
    }

    static List<String> texts(List<CapturedFrame> frames) {
        return frames.stream().map(f -> new String(f.body(), StandardCharsets.US_ASCII)).toList();
    }

    static List<String> texts(List<byte[]> bodies, int from) {
        return bodies.subList(from, bodies.size()).stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList();
    }

    static List<byte[]> bodies(String side, int n, int length) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(body(side + i, length + i));
        return out;
    }

    @Test
    void requestsAndResponsesInCaptureOrderWithTheirPacketsAndTimes() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1000, 50_000);
        c.handshake();
        byte[] req = framed(List.of(body("req0", 60)));
        byte[] resp = framed(List.of(body("resp0", 70)));
        long p1 = c.client(req, 0, req.length);
        long p2 = c.server(resp, 0, resp.length);
        c.fin(true, req.length);
        c.fin(false, resp.length);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("c.pcapng")));
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(2, f.size());
        assertEquals(p1, f.get(0).number());
        assertEquals(s.time(p1), f.get(0).at());
        assertTrue(f.get(0).fromClient());
        assertEquals(p2, f.get(1).number());
        assertFalse(f.get(1).fromClient());
        assertEquals("10.0.0.5:40312-10.0.0.1:8583", f.get(0).connection().toString());
        assertEquals(f.get(0).connection(), f.get(1).connection());
        assertTrue(f.get(0).connection().clientKnown());
    }

    /**
     * Random segmentation, fuzz-style: 1-byte segments, several frames in one segment, segments out of
     * order, retransmitted with other boundaries, several connections interleaved, keep-alives, sequence
     * numbers wrapping: every frame comes out once, in order per direction, no problem reported.
     */
    @Test
    void anySegmentationGivesTheSameFrames() throws IOException {
        for (int seed = 0; seed < 150; seed++) {
            Fuzz fuzz = new Fuzz(seed);
            Path f = fuzz.capture.writePcapng(dir.resolve("fuzz-" + seed + ".pcapng"));
            problems.clear();
            List<CapturedFrame> frames = read(f);
            assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems);
            Map<String, List<String>> got = new LinkedHashMap<>();
            long last = 0;
            for (CapturedFrame fr : frames) {
                assertTrue(fr.number() >= last, "seed " + seed + ": frames in capture order");
                last = fr.number();
                assertEquals(fuzz.capture.time(fr.number()), fr.at());
                got.computeIfAbsent(fr.connection() + (fr.fromClient() ? ">" : "<"), k -> new ArrayList<>())
                        .add(new String(fr.body(), StandardCharsets.US_ASCII));
            }
            assertEquals(fuzz.expected, got, "seed " + seed);
        }
    }

    @Test
    void sequenceNumbersWrapAround() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 0xFFFF_FF00, 0xFFFF_FFFE);
        c.handshake();
        List<byte[]> req = bodies("r", 20, 30);
        byte[] stream = framed(req);
        for (int i = 0; i < stream.length; i += 37) c.client(stream, i, Math.min(stream.length, i + 37));
        byte[] resp = framed(List.of(body("x", 5)));
        c.server(resp, 0, resp.length);
        assertEquals(texts(req, 0).size() + 1, read(s.writePcapng(dir.resolve("wrap.pcapng"))).size());
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void retransmittedAndOverlappingSegmentsCountOnce() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 7, 9);
        c.handshake();
        List<byte[]> req = bodies("r", 3, 60);
        byte[] stream = framed(req);
        c.client(stream, 0, 50);
        c.client(stream, 0, 50);          // retransmission
        c.client(stream, 30, 90);         // overlaps what came
        c.client(stream, 120, stream.length);  // ahead: waits
        c.client(stream, 60, 130);        // fills the hole, overlaps both sides
        c.client(stream, 0, stream.length);    // everything again
        assertEquals(texts(req, 0), texts(read(s.writePcapng(dir.resolve("re.pcapng")))));
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void firstCopyWinsWhenRetransmissionsDiffer() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 7, 9);
        c.handshake();
        byte[] stream = framed(List.of(body("first", 20)));
        byte[] other = framed(List.of(body("other", 20)));
        c.client(stream, 10, stream.length);   // out of order: waits
        c.client(other, 10, other.length);     // a different copy of the same bytes
        c.client(stream, 0, 10);
        assertEquals(List.of(new String(body("first", 20), StandardCharsets.US_ASCII)), texts(read(s.writePcapng(dir.resolve("first.pcapng")))));
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkLayer.ETHERNET, LinkLayer.LINUX_SLL, LinkLayer.LINUX_SLL2, LinkLayer.NULL, LinkLayer.LOOP, LinkLayer.RAW})
    void everyLinkTypeWithIpv4AndIpv6(int linkType) throws IOException {
        Synthetic s = new Synthetic(linkType);
        Conversation v4 = new Conversation(s, CLIENT, HOST, 1, 2);
        Conversation v6 = new Conversation(s, endpoint("2001:db8::5", 50000), endpoint("2001:db8::1", 8583), 3, 4);
        v4.handshake();
        v6.handshake();
        byte[] a = framed(List.of(body("v4", 30)));
        byte[] b = framed(List.of(body("v6", 40)));
        v6.client(b, 0, b.length);
        v4.client(a, 0, a.length);
        List<CapturedFrame> f = read(s.writePcap(dir.resolve("link.pcap"), TimeResolution.MICROSECONDS));
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(List.of("[2001:db8::5]:50000-[2001:db8::1]:8583", "10.0.0.5:40312-10.0.0.1:8583"),
                f.stream().map(x -> x.connection().toString()).toList());
    }

    @Test
    void vlanTagsIpv4OptionsAndIpv6ExtensionHeaders() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        byte[] a = framed(List.of(body("tagged", 30)));
        s.raw(Synthetic.doubleTagged(TcpPackets.ip(CLIENT, HOST, 100, 1, TcpSegment.SYN, new byte[0])));
        s.raw(Synthetic.doubleTagged(TcpPackets.ip(CLIENT, HOST, 101, 1, TcpSegment.ACK, a)));
        byte[] b = framed(List.of(body("options", 30)));
        s.ip(withIpv4Options(TcpPackets.ip(CLIENT, endpoint("10.0.0.2", 8583), 500, 1, TcpSegment.ACK, b)));
        byte[] c = framed(List.of(body("extensions", 30)));
        s.ip(withIpv6Extensions(TcpPackets.ip(endpoint("2001:db8::5", 50000), endpoint("2001:db8::1", 8583), 900, 1, TcpSegment.ACK, c)));
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("hdr.pcapng")));
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(List.of("MSGtagged:", "MSGoptions:", "MSGextensions:"),
                f.stream().map(x -> new String(x.body(), StandardCharsets.US_ASCII).substring(0, x.body()[3] == 't' ? 10 : x.body()[3] == 'o' ? 11 : 14))
                        .toList());
        assertFalse(f.get(1).connection().clientKnown(), "no SYN: the higher port is the client");
        assertEquals("10.0.0.5:40312-10.0.0.2:8583", f.get(1).connection().toString());
    }

    @Test
    void fragmentsAndCutPacketsAreReported() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        c.handshake();
        byte[] stream = framed(List.of(body("a", 30), body("b", 30), body("c", 30)));
        byte[] fragment = TcpPackets.ip(CLIENT, HOST, 2, 3, TcpSegment.ACK, java.util.Arrays.copyOfRange(stream, 0, 32));
        fragment[6] = 0x20;  // more fragments
        long frag = s.ip(fragment);
        byte[] v6 = TcpPackets.ip(endpoint("2001:db8::5", 5), endpoint("2001:db8::1", 6), 1, 1, TcpSegment.ACK, new byte[8]);
        long frag6 = s.ip(fragmentHeader(v6));
        byte[] cut = Synthetic.frame(LinkLayer.ETHERNET, TcpPackets.ip(CLIENT, HOST, 2 + 32, 3, TcpSegment.ACK,
                java.util.Arrays.copyOfRange(stream, 32, 64)));
        long snapped = s.raw(java.util.Arrays.copyOf(cut, cut.length - 10));
        c.client(stream, 64, stream.length);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("frag.pcapng")));
        assertEquals(List.of(new String(body("c", 30), StandardCharsets.US_ASCII)), texts(f), "only the frame after the damage");
        assertEquals(frag, problems.get(0).frame());
        assertEquals("an IPv4 fragment of a TCP segment (offset 0, more follow); fragments are not reassembled, skipped", problems.get(0).reason());
        assertEquals(frag6, problems.get(1).frame());
        assertTrue(problems.get(1).reason().startsWith("an IPv6 fragment"), problems::toString);
        assertEquals(snapped, problems.get(2).frame());
        assertTrue(problems.get(2).reason().startsWith("the capture kept 22 of the 32 bytes of its TCP payload"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.reason().contains("32 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 were not captured")),
                problems::toString);
    }

    @Test
    void captureThatStartsInsideAFrameResynchronises() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        List<byte[]> req = bodies("r", 4, 100);
        byte[] stream = framed(req);
        // the capture joins 45 bytes into the first frame: no handshake, data from there on
        for (int i = 45; i < stream.length; i += 30) c.client(stream, i, Math.min(stream.length, i + 30));
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("mid.pcapng")));
        assertEquals(texts(req, 1), texts(f));
        assertEquals(1, problems.size());
        assertEquals("skipped 57 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 (the capture started inside the connection) to reach the next frame",
                problems.get(0).reason());
        assertEquals(f.get(0).number(), problems.get(0).frame());
    }

    @Test
    void captureThatStartsAtAFrameBoundaryWithoutHandshakeSkipsNothing() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        List<byte[]> req = bodies("r", 3, 50);
        byte[] stream = framed(req);
        c.client(stream, 0, stream.length);
        assertEquals(texts(req, 0), texts(read(s.writePcapng(dir.resolve("b.pcapng")))));
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void framesFoundLaterKeepTheirPlaceAmongOtherConnections() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation late = new Conversation(s, CLIENT, HOST, 1, 2);
        Conversation other = new Conversation(s, endpoint("10.0.0.6", 40000), HOST, 3, 4);
        other.handshake();
        byte[] frames = framed(List.of(body("late0", 20), body("late1", 60)));
        // joined mid-connection: the first candidate boundary claims 64 bytes, more than have come
        byte[] a = ByteBuffer.allocate(2 + frames.length).put(new byte[] {0, 64}).put(frames).array();
        byte[] b = framed(List.of(body("other", 20)));
        late.client(a, 0, 24);
        other.client(b, 0, b.length);
        late.client(a, 24, a.length);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("order.pcapng")));
        assertEquals(List.of("late0", "other", "late1"), f.stream().map(x -> new String(x.body(), 3, 5, StandardCharsets.US_ASCII)).toList(),
                "late0 was complete before other, though found after it");
        assertTrue(f.get(0).number() < f.get(1).number());
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).reason().startsWith("skipped 2 bytes"), problems::toString);
    }

    @Test
    void gapBeyondTheBufferIsSkippedAndTheStreamGoesOn() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        c.handshake();
        List<byte[]> req = bodies("r", 400, 4000);  // about 1.6 MB
        byte[] stream = framed(req);
        c.client(stream, 0, 100);
        int missingTo = 5000;  // bytes 100..5000 never captured
        for (int i = missingTo; i < stream.length; i += 1400) c.client(stream, i, Math.min(stream.length, i + 1400));
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("gap.pcapng")));
        assertEquals(texts(req, 2), texts(f), "the two frames that touch the hole are lost, the rest come out");
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).reason().startsWith("4900 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 were not captured (more than 1048576 bytes"),
                problems::toString);
        assertEquals("a frame of 10.0.0.5:40312 -> 10.0.0.1:8583 lost 4900 bytes the capture missed (it had 98 of its 4000 bytes); dropped",
                problems.get(1).reason());
        assertTrue(problems.get(2).reason().startsWith("skipped 3005 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 (after 4900 bytes the capture missed)"),
                problems::toString);
    }

    @Test
    void holeAtTheEndOfTheCaptureIsReported() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        c.handshake();
        List<byte[]> req = bodies("r", 3, 50);
        byte[] stream = framed(req);
        c.client(stream, 0, 52);
        c.client(stream, 80, stream.length);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("hole.pcapng")));
        assertEquals(texts(req, 0).subList(0, 1), texts(f).subList(0, 1));
        assertEquals(texts(req, 2), texts(f).subList(1, f.size()), "the frame after the hole is found again");
        assertTrue(problems.get(0).reason().startsWith("28 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 were not captured (at the end of the capture)"),
                problems::toString);
    }

    @Test
    void badLengthOutOfStepResynchronisesAndKeepAlivesAreSkipped() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        c.handshake();
        byte[] good = framed(List.of(body("a", 20)));
        byte[] keepAlive = {0, 0};
        byte[] junk = {(byte) 0xF0, 0x00, 1, 2, 3};
        byte[] after = framed(List.of(body("b", 20), body("c", 20)));
        byte[] stream = ByteBuffer.allocate(good.length + 2 + junk.length + after.length).put(good).put(keepAlive).put(junk).put(after).array();
        c.client(stream, 0, stream.length);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("bad.pcapng")));
        assertEquals(List.of("MSGa", "MSGb", "MSGc"), f.stream().map(x -> new String(x.body(), 0, 4, StandardCharsets.US_ASCII)).toList());
        assertEquals(2, problems.size(), problems::toString);
        assertEquals("a length prefix of 61440 on 10.0.0.5:40312 -> 10.0.0.1:8583, above the maximum 8192: the stream is out of step; "
                + "looking for the next frame", problems.get(0).reason());
        assertEquals("skipped 5 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583 (after the bad length prefix 61440) to reach the next frame",
                problems.get(1).reason());
    }

    @Test
    void streamThatIsNoIso8583IsGivenUpOnce() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 1, 2);
        c.handshake();
        byte[] text = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(4000).getBytes(StandardCharsets.US_ASCII);
        text[0] = 0x7F;  // a length above the maximum, so the stream is out of step at once
        for (int i = 0; i < text.length; i += 1000) c.client(text, i, Math.min(text.length, i + 1000));
        assertTrue(read(s.writePcapng(dir.resolve("http.pcapng"))).isEmpty());
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(1).reason().startsWith("no frame boundary in 65536 bytes of 10.0.0.5:40312 -> 10.0.0.1:8583"), problems::toString);
    }

    @Test
    void resetEndsAConnectionAndANewSynOnTheSamePortsStartsAnother() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation first = new Conversation(s, CLIENT, HOST, 100, 200);
        first.handshake();
        byte[] a = framed(List.of(body("a", 20), body("partial", 30)));
        first.client(a, 0, a.length - 5);
        first.reset(false, 0);
        first.client(a, 0, a.length);  // a late retransmission: ignored
        Conversation second = new Conversation(s, CLIENT, HOST, 9_000, 9_999);
        second.handshake();
        byte[] b = framed(List.of(body("b", 20)));
        second.client(b, 0, b.length);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("rst.pcapng")));
        assertEquals(List.of("MSGa", "MSGb"), f.stream().map(x -> new String(x.body(), 0, 4, StandardCharsets.US_ASCII)).toList());
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("a frame of 10.0.0.5:40312 -> 10.0.0.1:8583 was cut off when the stream ended (it had 25 of its 30 bytes); dropped",
                problems.get(0).reason());
    }

    @Test
    void finEndsADirectionAfterTheBytesBeforeItArrive() throws IOException {
        Synthetic s = new Synthetic(LinkLayer.ETHERNET);
        Conversation c = new Conversation(s, CLIENT, HOST, 100, 200);
        c.handshake();
        byte[] a = framed(List.of(body("a", 20), body("b", 20)));
        c.fin(true, a.length);           // the FIN overtakes the data
        c.client(a, 22, a.length);
        c.client(a, 0, 22);
        c.fin(false, 0);
        List<CapturedFrame> f = read(s.writePcapng(dir.resolve("fin.pcapng")));
        assertEquals(2, f.size());
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void closedConnectionsAreForgottenAndOpenOnesBounded() {
        List<String> ended = new ArrayList<>();
        TcpReassembler.StreamOpener opener = (connection, fromClient, fromStart) -> new TcpReassembler.StreamConsumer() {
            @Override
            public void data(byte[] b, int off, int len, PacketRef at) {
            }

            @Override
            public void gap(long bytes, PacketRef at) {
            }

            @Override
            public void end(PacketRef at) {
                ended.add(connection.direction(fromClient));
            }
        };
        TcpReassembler r = new TcpReassembler(opener, problems::add, 1 << 20, 100);
        PacketRef at = new PacketRef(1, null);
        byte[] data = {0, 1, 'x'};
        for (int i = 0; i < 1000; i++) {
            Endpoint client = endpoint("10.0." + i / 250 + "." + i % 250, 40000);
            r.accept(new TcpSegment(client, HOST, 10, 0, TcpSegment.SYN, data, 0, 0, false), at);
            r.accept(new TcpSegment(HOST, client, 20, 11, TcpSegment.SYN | TcpSegment.ACK, data, 0, 0, false), at);
            r.accept(new TcpSegment(client, HOST, 11, 21, TcpSegment.ACK | TcpSegment.FIN, data, 0, 3, false), at);
            r.accept(new TcpSegment(HOST, client, 21, 15, TcpSegment.ACK | TcpSegment.FIN, data, 0, 0, false), at);
        }
        assertEquals(0, r.openConnections(), "closed connections are dropped");
        assertEquals(2000, ended.size());
        for (int i = 0; i < 150; i++) {
            Endpoint client = endpoint("10.1." + i / 250 + "." + i % 250, 40000);
            r.accept(new TcpSegment(client, HOST, 10, 0, TcpSegment.SYN, data, 0, 0, false), at);
        }
        assertEquals(100, r.openConnections(), "at most maxConnections are tracked");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).reason().startsWith("more than 100 connections are open at once"), problems::toString);
    }

    private static byte[] withIpv4Options(byte[] ip) {
        byte[] out = new byte[ip.length + 4];
        System.arraycopy(ip, 0, out, 0, 20);
        out[0] = 0x46;
        out[20] = 1;  // NOP
        out[21] = 1;
        out[22] = 1;
        out[23] = 0;  // end of options
        System.arraycopy(ip, 20, out, 24, ip.length - 20);
        Bytes.put16(out, 2, out.length);
        return out;
    }

    private static byte[] withIpv6Extensions(byte[] ip) {
        byte[] out = new byte[ip.length + 16];
        System.arraycopy(ip, 0, out, 0, 40);
        out[6] = 0;              // hop-by-hop first
        out[40] = 60;            // then destination options
        out[41] = 0;             // 8 bytes
        out[48] = 6;             // then TCP
        out[49] = 0;
        System.arraycopy(ip, 40, out, 56, ip.length - 40);
        Bytes.put16(out, 4, out.length - 40);
        return out;
    }

    private static byte[] fragmentHeader(byte[] ip) {
        byte[] out = new byte[ip.length + 8];
        System.arraycopy(ip, 0, out, 0, 40);
        out[6] = 44;
        out[40] = 6;
        out[43] = 1;  // offset 0, more fragments
        System.arraycopy(ip, 40, out, 48, ip.length - 40);
        Bytes.put16(out, 4, out.length - 40);
        return out;
    }
}
