package io.acqsim.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pcap and pcapng readers: both byte orders, every packet block, timestamps, and damaged files. */
class PacketReaderTest {
    @TempDir
    Path dir;

    private final List<CaptureProblem> problems = new ArrayList<>();

    private List<Packet> readAll(Path file) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (PacketReader r = PacketReader.open(file, problems::add)) {
            for (Packet p; (p = r.next()) != null; ) out.add(p);
        }
        return out;
    }

    private static Synthetic threePackets(int linkType) {
        Synthetic s = new Synthetic(linkType);
        s.raw(new byte[] {1, 2, 3});
        s.raw(new byte[0]);
        s.raw(new byte[1500]);
        return s;
    }

    private static void assertSame(Synthetic s, List<Packet> read, boolean nanos) {
        assertEquals(s.packets.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            Packet p = read.get(i);
            assertEquals(i + 1, p.number());
            assertEquals(s.linkType, p.linkType());
            assertArrayEquals(s.packets.get(i).data(), p.data());
            assertEquals(p.data().length, p.originalLength());
            Instant want = s.packets.get(i).at();
            assertEquals(nanos ? want : want.minusNanos(want.getNano() % 1000), p.at());
        }
    }

    @ParameterizedTest
    @EnumSource(TimeResolution.class)
    void pcapLittleEndian(TimeResolution resolution) throws IOException {
        Synthetic s = threePackets(LinkLayer.ETHERNET);
        assertSame(s, readAll(s.writePcap(dir.resolve("le.pcap"), resolution)), resolution == TimeResolution.NANOSECONDS);
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pcapBigEndian(boolean nanos) throws IOException {
        Synthetic s = threePackets(LinkLayer.LINUX_SLL);
        assertSame(s, readAll(s.writeBigEndianPcap(dir.resolve("be.pcap"), nanos)), nanos);
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void pcapngOfTheWriter() throws IOException {
        Synthetic s = threePackets(LinkLayer.RAW);
        assertSame(s, readAll(s.writePcapng(dir.resolve("w.pcapng"))), true);
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BIG_ENDIAN", "LITTLE_ENDIAN"})
    void pcapngEveryBlockSectionsAndInterfaces(String byteOrder) throws IOException {
        ByteOrder order = byteOrder.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteOrder other = order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        byte[] a = {10, 11}, b = {20, 21, 22}, c = {30}, d = {40, 41, 42, 43, 44}, e = {50};
        Synthetic.Blocks blocks = new Synthetic.Blocks(order).section()
                .iface(LinkLayer.ETHERNET, 0, -1, 0)                 // default: microseconds
                .iface(LinkLayer.LINUX_SLL2, 0, 9, 0)                // nanoseconds
                .iface(LinkLayer.NULL, 0, 0x80 | 20, 1_000)          // 2^-20 s, 1000 s offset
                .block(0x0BAD, new byte[] {1, 2, 3, 4})              // unknown: skipped
                .epb(0, 1_700_000_000_123_456L, a)
                .epb(1, 1_700_000_000_123_456_789L, b)
                .epb(2, (5L << 20) | (1L << 19), c)                  // 5.5 s after the epoch, plus the offset
                .spb(d)                                              // interface 0, no time
                .block(5, new byte[8]);                              // interface statistics: skipped
        Synthetic.Blocks second = new Synthetic.Blocks(other).section().iface(LinkLayer.RAW, 0, 3, 0).pb(0, 12_345, e);
        Path f = dir.resolve("blocks.pcapng");
        Files.write(f, concat(blocks.toBytes(), second.toBytes()));

        List<Packet> p = readAll(f);
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(5, p.size());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), p.stream().map(Packet::number).toList());
        assertEquals(List.of(LinkLayer.ETHERNET, LinkLayer.LINUX_SLL2, LinkLayer.NULL, LinkLayer.ETHERNET, LinkLayer.RAW),
                p.stream().map(Packet::linkType).toList());
        assertArrayEquals(a, p.get(0).data());
        assertArrayEquals(d, p.get(3).data());
        assertArrayEquals(e, p.get(4).data());
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 123_456_000), p.get(0).at());
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 123_456_789), p.get(1).at());
        assertEquals(Instant.ofEpochSecond(1_005, 500_000_000), p.get(2).at());
        assertNull(p.get(3).at(), "a simple packet block has no time");
        assertEquals(Instant.ofEpochSecond(12, 345_000_000), p.get(4).at(), "milliseconds in the second section");
    }

    @Test
    void formatIsToldByTheFirstBytes() throws IOException {
        Synthetic s = threePackets(LinkLayer.ETHERNET);
        byte[] pcap = Files.readAllBytes(s.writePcap(dir.resolve("a.pcap"), TimeResolution.MICROSECONDS));
        byte[] pcapNs = Files.readAllBytes(s.writeBigEndianPcap(dir.resolve("b.pcap"), true));
        byte[] pcapng = Files.readAllBytes(s.writePcapng(dir.resolve("c.pcapng")));
        assertEquals(CaptureFormat.PCAP, CaptureFormat.of(Arrays.copyOf(pcap, 4)));
        assertEquals(CaptureFormat.PCAP, CaptureFormat.of(Arrays.copyOf(pcapNs, 12)));
        assertEquals(CaptureFormat.PCAPNG, CaptureFormat.of(Arrays.copyOf(pcapng, 12)));
        assertEquals(CaptureFormat.PCAPNG, CaptureFormat.of(new Synthetic.Blocks(ByteOrder.BIG_ENDIAN).section().toBytes()));
        assertNull(CaptureFormat.of("<log realm=".getBytes()));
        assertNull(CaptureFormat.of(new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 1, 2, 3, 4}), "SHB type without byte-order magic");
        assertNull(CaptureFormat.of(new byte[] {(byte) 0xa1, (byte) 0xb2}));
    }

    @Test
    void garbageAndEmptyFilesAreNotCaptures() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.pcap"), "0200 this is no capture".getBytes());
        NotACaptureException e = assertThrows(NotACaptureException.class, () -> readAll(garbage));
        assertTrue(e.getMessage().contains("garbage.pcap is not a pcap or pcapng capture (it starts with 30 32 30 30)"), e.getMessage());
        Path empty = Files.write(dir.resolve("empty.pcapng"), new byte[0]);
        assertTrue(assertThrows(NotACaptureException.class, () -> readAll(empty)).getMessage().contains("empty"));
    }

    @Test
    void truncatedPcapKeepsWhatCameBefore() throws IOException {
        Synthetic s = threePackets(LinkLayer.ETHERNET);
        byte[] whole = Files.readAllBytes(s.writePcap(dir.resolve("w.pcap"), TimeResolution.MICROSECONDS));
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 100));
        List<Packet> p = readAll(cut);
        assertEquals(2, p.size());
        assertEquals(List.of(new CaptureProblem(3, "the file ends inside frame 3 (1400 of 1500 bytes): truncated capture")), problems);

        problems.clear();
        Path header = Files.write(dir.resolve("header.pcap"), Arrays.copyOf(whole, 24 + 16 + 3 + 7));
        assertEquals(1, readAll(header).size());
        assertEquals(List.of(new CaptureProblem(2, "the file ends inside the record header of frame 2 (7 of 16 bytes): truncated capture")), problems);

        problems.clear();
        Path fileHeader = Files.write(dir.resolve("file-header.pcap"), Arrays.copyOf(whole, 10));
        assertEquals(0, readAll(fileHeader).size());
        assertEquals(List.of(new CaptureProblem(1, "the pcap file header is cut short (10 of 24 bytes)")), problems);
    }

    @Test
    void badPcapRecordLengthEndsTheRead() throws IOException {
        Synthetic s = threePackets(LinkLayer.ETHERNET);
        byte[] whole = Files.readAllBytes(s.writePcap(dir.resolve("w.pcap"), TimeResolution.MICROSECONDS));
        int second = 24 + 16 + 3;
        whole[second + 8 + 3] = 0x7F;  // captured length of frame 2 becomes about 2 GB
        List<Packet> p = readAll(Files.write(dir.resolve("bad.pcap"), whole));
        assertEquals(1, p.size());
        assertEquals(1, problems.size());
        assertEquals(2, problems.get(0).frame());
        assertTrue(problems.get(0).reason().contains("a bad record length; the rest of the file is not read"), problems::toString);
    }

    /** Found by fuzzing (replay-pcap): a snap length of 4 GiB let a record claim 2 GiB or more, read as a negative length. */
    @Test
    void recordLengthAboveTheLargestRecordIsRefusedWhateverTheSnapLength() throws IOException {
        Synthetic s = threePackets(LinkLayer.ETHERNET);
        byte[] whole = Files.readAllBytes(s.writePcap(dir.resolve("w.pcap"), TimeResolution.MICROSECONDS));
        Arrays.fill(whole, 16, 20, (byte) 0xFF);  // snap length 4 GiB - 1
        int second = 24 + 16 + 3;
        whole[second + 8 + 3] = (byte) 0x90;  // captured length of frame 2 becomes about 2.4 GB
        List<Packet> p = readAll(Files.write(dir.resolve("huge.pcap"), whole));
        assertEquals(1, p.size());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().contains("a bad record length; the rest of the file is not read"), problems::toString);
    }

    @Test
    void truncatedPcapngKeepsWhatCameBefore() throws IOException {
        Synthetic s = threePackets(LinkLayer.ETHERNET);
        byte[] whole = Files.readAllBytes(s.writePcapng(dir.resolve("w.pcapng")));
        List<Packet> p = readAll(Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 10)));
        assertEquals(2, p.size());
        assertEquals(1, problems.size());
        assertEquals(3, problems.get(0).frame());
        assertTrue(problems.get(0).reason().startsWith("the file ends inside the block at byte "), problems::toString);
        assertTrue(problems.get(0).reason().endsWith("truncated capture"), problems::toString);
    }

    @Test
    void badPcapngBlockLengthEndsTheRead() throws IOException {
        byte[] ok = new Synthetic.Blocks(ByteOrder.LITTLE_ENDIAN).section().iface(LinkLayer.RAW, 0, -1, 0).epb(0, 1, new byte[] {1}).toBytes();
        byte[] bad = new Synthetic.Blocks(ByteOrder.LITTLE_ENDIAN).epb(0, 2, new byte[] {2}).toBytes();
        bad[4] = 37;  // not a multiple of 4
        Path f = Files.write(dir.resolve("bad.pcapng"), concat(ok, bad, ok));
        assertEquals(1, readAll(f).size());
        assertEquals(List.of(new CaptureProblem(2, "the block at byte " + ok.length + " has a bad length (37); the rest of the file is not read")), problems);

        problems.clear();
        byte[] mismatch = new Synthetic.Blocks(ByteOrder.LITTLE_ENDIAN).epb(0, 2, new byte[] {2}).toBytes();
        mismatch[mismatch.length - 4] = 40;
        assertEquals(1, readAll(Files.write(dir.resolve("mismatch.pcapng"), concat(ok, mismatch))).size());
        assertEquals(List.of(new CaptureProblem(2, "the block at byte " + ok.length + " has a bad length (36 at its start, 40 at its end); "
                + "the rest of the file is not read")), problems);
    }

    @Test
    void packetOnAnUnknownInterfaceIsSkippedAndCounted() throws IOException {
        byte[] f = new Synthetic.Blocks(ByteOrder.LITTLE_ENDIAN).section().iface(LinkLayer.RAW, 0, -1, 0)
                .epb(3, 1, new byte[] {1}).epb(0, 2, new byte[] {2}).toBytes();
        List<Packet> p = readAll(Files.write(dir.resolve("iface.pcapng"), f));
        assertEquals(1, p.size());
        assertEquals(2, p.get(0).number(), "the skipped packet keeps its number");
        assertEquals(List.of(new CaptureProblem(1, "its packet block names interface 3, which the section does not describe; skipped")), problems);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
