package io.acqsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark reads what the writers write (docs/WIRE-CHECK.md): TShark opens the files without error,
 * finds the TCP conversations, validates every IP and TCP checksum, flags nothing in its TCP analysis,
 * and dissects an iso87a message. Skipped where {@code /usr/bin/tshark} is not installed.
 */
@Tag("slow")
class TsharkTest {
    static final Path TSHARK = Path.of("/usr/bin/tshark");
    /** An iso87a 0800: MTI, primary bitmap (fields 11 and 41), STAN, TID. */
    static final byte[] ISO87A_0800 = ("0800" + "0020000000800000" + "000001" + "T0000001").getBytes(StandardCharsets.US_ASCII);
    static final byte[] ISO87A_0810 = ("0810" + "0020000002800000" + "000001" + "00" + "T0000001").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        Assumptions.assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed");
    }

    record Run(int exit, String out, String err) {
    }

    Run tshark(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TSHARK.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        String errors = Files.readString(err).lines().filter(l -> !l.startsWith("Running as user")).reduce("", (a, b) -> a + b + "\n");
        return new Run(p.exitValue(), Files.readString(out), errors);
    }

    Path session(Path file, PacketWriter out) throws IOException {
        try (TcpCaptureWriter w = new TcpCaptureWriter(out, TcpCaptureWriterTest.ticking())) {
            TcpCaptureWriter.Connection c = w.open(new InetSocketAddress("10.0.0.5", 40312), new InetSocketAddress("10.0.0.1", 8583));
            c.fromClient(TcpCaptureWriterTest.frame(ISO87A_0800));
            c.fromServer(TcpCaptureWriterTest.frame(ISO87A_0810));
            TcpCaptureWriter.Connection v6 = w.open(new InetSocketAddress("::1", 40000), new InetSocketAddress("::1", 8583));
            v6.fromClient(TcpCaptureWriterTest.frame(ISO87A_0800));
            v6.fromClient(ByteBuffer.wrap(new byte[100_000]));
        }
        return file;
    }

    @Test
    void pcapngOfTheCaptureWriter() throws Exception {
        Path f = dir.resolve("w.pcapng");
        check(session(f, new PcapngWriter(Files.newOutputStream(f), LinkLayer.ETHERNET, TimeResolution.NANOSECONDS)));
    }

    @Test
    void pcapOfTheCaptureWriter() throws Exception {
        Path f = dir.resolve("w.pcap");
        check(session(f, new PcapWriter(Files.newOutputStream(f), LinkLayer.RAW, TimeResolution.MICROSECONDS)));
    }

    private void check(Path f) throws Exception {
        Run read = tshark("-r", f.toString());
        assertEquals(0, read.exit(), read.err());
        assertEquals("", read.err());
        assertEquals(17, read.out().lines().count(), read.out());

        Run conv = tshark("-r", f.toString(), "-q", "-z", "conv,tcp");
        assertEquals(0, conv.exit(), conv.err());
        assertTrue(conv.out().contains("10.0.0.5:40312") && conv.out().contains("10.0.0.1:8583"), conv.out());
        assertTrue(conv.out().contains("::1:40000"), conv.out());

        Run suspicious = tshark("-r", f.toString(), "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-Y",
                "ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\" || tcp.analysis.flags || _ws.expert.severity >= warning");
        assertEquals(0, suspicious.exit(), suspicious.err());
        assertEquals("", suspicious.out(), "no bad checksum, no TCP analysis flag, no warning");

        Run iso = tshark("-r", f.toString(), "-d", "tcp.port==8583,iso8583", "-o", "iso8583.len_endian:Big endian", "-V");
        assertEquals(0, iso.exit(), iso.err());
        assertTrue(iso.out().contains("ISO 8583-1:  Type 0800 - Network Management"), iso.out());
        assertTrue(iso.out().contains("Bit 41: T0000001"), iso.out());
        assertTrue(iso.out().contains("Type 0810"), iso.out());
        assertTrue(!iso.out().toLowerCase(java.util.Locale.ROOT).contains("malformed"), "no malformed packet");
    }
}
