package io.acqsim.replay.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;

/** Format detection by content, failures that name the file, and the merge of several inputs by time. */
class InputsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    final List<InputProblem> problems = new ArrayList<>();

    /** One acqsim receive event: the STAN, the wall time {@code at}, and optionally a simulated instant. */
    static String event(String stan, String at, String simulated) {
        return """
                <log realm="channel-iso87a/127.0.0.1:4000" at="%s">
                  <receive>
                    <isomsg direction="incoming">
                      <field id="0" value="0200"/>
                      <field id="11" value="%s"/>
                    </isomsg>
                %s  </receive>
                </log>
                """.formatted(at, stan, simulated == null ? "" : "    <simulated-at>" + simulated + "</simulated-at>\n");
    }

    static String log(String... events) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<logger class=\"org.jpos.util.RotateLogListener\">\n"
                + String.join("", events) + "</logger>\n";
    }

    @Test
    void rotatedLogsComeOutInTimeOrderWhateverTheArgumentOrder() throws IOException {
        gzip("q2.log.2.gz", log(event("000001", "2026-09-30T10:00:00", null), event("000002", "2026-09-30T10:00:01", null)));
        write("q2.log.1", log(event("000003", "2026-09-30T10:00:02", null), event("000004", "2026-09-30T10:00:03", null)));
        write("q2.log", log(event("000005", "2026-09-30T10:00:04", null)));
        assertEquals(List.of("000001", "000002", "000003", "000004", "000005"), stans("q2.log", "q2.log.1", "q2.log.2.gz"));
        assertEquals(List.of("000001", "000002", "000003", "000004", "000005"), stans("q2.log.1", "q2.log.2.gz", "q2.log"));
    }

    @Test
    void onAManualClockTheWallTimeOrdersRotatedLogsWhoseSimulatedTimesTie() throws IOException {
        String sim = "2026-09-30T10:00:00+08:00";
        write("q2.log.1", log(event("000001", "2026-12-01T09:00:00", sim), event("000002", "2026-12-01T09:00:01", sim)));
        write("q2.log", log(event("000003", "2026-12-01T09:00:02", sim)));
        assertEquals(List.of("000001", "000002", "000003"), stans("q2.log", "q2.log.1"));
    }

    @Test
    void aFileKeepsItsOwnOrderAndTiesGoInArgumentOrder() throws IOException {
        write("a.log", log(event("A1", "2026-09-30T10:00:05", null), event("A2", "2026-09-30T10:00:01", null)));
        write("b.log", log(event("B1", "2026-09-30T10:00:01", null), event("B2", "2026-09-30T10:00:05", null)));
        assertEquals(List.of("B1", "A1", "A2", "B2"), stans("a.log", "b.log"));
    }

    @Test
    void formatsAreToldByContent() throws Exception {
        byte[] frame = HexDumpReaderTest.prefixed(HexDumpReaderTest.frame(Profile.ISO87A, HexDumpReaderTest.purchase("000007", null)));
        write("frames.log", "# plain hex, whatever the name\n" + HexFormat.of().formatHex(frame) + "\n");
        gzip("dump.gz", ISOUtil.hexdump(HexDumpReaderTest.prefixed(HexDumpReaderTest.frame(Profile.ISO87A, HexDumpReaderTest.purchase("000008", null)))));
        Files.write(dir.resolve("bom.xml"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                ("\n\n  " + event("000009", "2026-09-30T10:00:00", null)).getBytes(StandardCharsets.UTF_8)));
        Files.write(dir.resolve("empty.pcap"), pcapHeader());
        assertEquals(List.of("000007", "000008", "000009"), stans("frames.log", "dump.gz", "bom.xml", "empty.pcap"));
        assertEquals(List.of(), problems);
    }

    @Test
    void inputsThatCannotBeReadFailNamingTheFile() throws IOException {
        write("empty.log", "");
        write("blank.log", "\n   \n");
        gzip("empty.gz", "");
        Files.createDirectory(dir.resolve("logs"));
        Path capture = dir.resolve("shop.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(capture))) {
            out.write(pcapHeader());
        }
        write("ok.log", log(event("000001", "2026-09-30T10:00:00", null)));
        for (String name : List.of("missing.log", "empty.log", "blank.log", "empty.gz", "logs", "shop.pcap.gz")) {
            Problems.InputFailure f = assertThrows(Problems.InputFailure.class, () -> stans("ok.log", name), name);
            assertEquals(name, f.problem().origin().file());
            assertTrue(f.getMessage().contains(dir.resolve(name).toString()), f.getMessage());
        }
    }

    @Test
    void framesWithoutTimeComeBeforeTimedOnesAndAfterTheTimedMessageBeforeThemInTheirFile() throws Exception {
        byte[] f1 = HexDumpReaderTest.frame(Profile.ISO87A, HexDumpReaderTest.purchase("900001", null));
        byte[] f2 = HexDumpReaderTest.frame(Profile.ISO87A, HexDumpReaderTest.purchase("900002", null));
        byte[] f3 = HexDumpReaderTest.frame(Profile.ISO87A, HexDumpReaderTest.purchase("900003", null));
        HexFormat hex = HexFormat.of();
        write("untimed.hex", hex.formatHex(f1) + "\n2026-09-30T10:00:02+08:00 " + hex.formatHex(f2) + "\n" + hex.formatHex(f3) + "\n");
        write("q2.log", log(event("L1", "2026-09-30T10:00:01", null), event("L2", "2026-09-30T10:00:03", null)));
        assertEquals(List.of("900001", "L1", "900002", "900003", "L2"), stans("q2.log", "untimed.hex"));
    }

    private List<String> stans(String... names) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String n : names) files.add(dir.resolve(n));
        List<String> out = new ArrayList<>();
        try (MessageReader r = Inputs.open(files, Profile.ISO87A, TestHost.PACKAGERS, SHANGHAI, problems::add)) {
            for (RecordedMessage m; (m = r.next()) != null; ) out.add(m.stan());
        }
        return out;
    }

    /** A pcap global header (microseconds, Ethernet) and no packets. */
    static byte[] pcapHeader() {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1).array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private void gzip(String name, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
