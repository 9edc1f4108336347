package io.acqsim.replay.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;

/** Both hex layouts, written to real files, and the lines that are wrong in them. */
class HexDumpReaderTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    @TempDir
    Path dir;

    final List<InputProblem> problems = new ArrayList<>();

    static ISOMsg purchase(String stan, String field48) throws ISOException {
        ISOMsg m = new ISOMsg("0200");
        m.set(3, "000000");
        m.set(4, "000000001234");
        m.set(11, stan);
        m.set(41, "T0000001");
        m.set(42, "M00000000000001");
        if (field48 != null) m.set(48, field48);
        return m;
    }

    /** What follows the length prefix on the wire: the cup header, then the packed message. */
    static byte[] frame(Profile profile, ISOMsg m) throws ISOException {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.setPackager(Packagers.load(TestHost.PACKAGERS, profile));
        byte[] body = copy.pack();
        if (profile != Profile.CUP) return body;
        byte[] out = new byte[CupHeader.LENGTH + body.length];
        System.arraycopy(CupHeader.defaultHeader(), 0, out, 0, CupHeader.LENGTH);
        System.arraycopy(body, 0, out, CupHeader.LENGTH, body.length);
        return out;
    }

    static byte[] prefixed(byte[] frame) {
        byte[] out = new byte[frame.length + 2];
        out[0] = (byte) (frame.length >> 8);
        out[1] = (byte) frame.length;
        System.arraycopy(frame, 0, out, 2, frame.length);
        return out;
    }

    static FrameUnpacker unpacker(Profile p) {
        return new FrameUnpacker(p, Packagers.load(TestHost.PACKAGERS, p));
    }

    @Test
    void plainLinesWithAndWithoutPrefixTimeAndLabel() throws Exception {
        byte[] a = frame(Profile.ISO87A, purchase("000001", null));
        byte[] b = frame(Profile.ISO87A, purchase("000002", "QR"));
        byte[] c = frame(Profile.ISO87A, purchase("000003", null));
        String spaced = HEX.formatHex(prefixed(b)).replaceAll("(....)", "$1 ");
        Path f = write("frames.hex", "# captured at the terminal\n"
                + "\n"
                + "2026-09-30T10:00:00.250+08:00 [conn-1] " + HEX.formatHex(prefixed(a)) + "\n"
                + "   " + spaced.toLowerCase() + "\t\n"
                + "2026-09-30T10:00:01 [pos 7]\n"
                + HEX.formatHex(c) + "\n");
        List<RecordedMessage> all = read(f, Profile.ISO87A);
        assertEquals(List.of(), problems);
        assertEquals(List.of("000001", "000002", "000003"), all.stream().map(RecordedMessage::stan).toList());
        assertEquals(new Origin("frames.hex", Origin.Unit.LINE, 3), all.get(0).origin());
        assertEquals(Instant.parse("2026-09-30T02:00:00.250Z"), all.get(0).at());
        assertEquals("conn-1", all.get(0).connection());
        assertNull(all.get(1).at());
        assertEquals(f.toString(), all.get(1).connection(), "no label: the file");
        assertEquals("QR", all.get(1).message().getString(48));
        assertEquals(Instant.parse("2026-09-30T02:00:01Z"), all.get(2).at(), "a time without offset is in the given zone");
        assertEquals("pos 7", all.get(2).connection(), "a heading line gives the next frame its time and label");
        assertEquals(new Origin("frames.hex", Origin.Unit.LINE, 6), all.get(2).origin());
    }

    @Test
    void plainCupFramesKeepTheirHeader() throws Exception {
        byte[] a = frame(Profile.CUP, purchase("000009", null));
        Path f = write("cup.hex", HEX.formatHex(prefixed(a)) + "\n" + HEX.formatHex(a) + "\n");
        List<RecordedMessage> all = read(f, Profile.CUP);
        assertEquals(List.of(), problems);
        assertEquals(2, all.size());
        for (RecordedMessage m : all) {
            assertEquals("000009", m.stan());
            assertArrayEquals(CupHeader.defaultHeader(), m.message().getHeader());
        }
    }

    @Test
    void badPlainLinesAreReportedWithTheirLineAndTheRestIsRead() throws Exception {
        byte[] a = frame(Profile.ISO87A, purchase("000001", null));
        String good = HEX.formatHex(prefixed(a));
        Path f = write("bad.hex", good + "\n"
                + good.substring(1) + "\n"
                + good.substring(0, 10) + "G" + good.substring(11) + "\n"
                + "3032303041\n"
                + "yesterday: " + good + "\n"
                + "[conn " + good + "\n"
                + good + "\n");
        List<RecordedMessage> all = read(f, Profile.ISO87A);
        assertEquals(2, all.size());
        assertEquals(List.of(1L, 7L), all.stream().map(m -> m.origin().number()).toList());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), problems.stream().map(p -> p.origin().number()).toList(), problems.toString());
        assertTrue(problems.get(0).reason().contains("odd number"), problems.get(0).reason());
        assertTrue(problems.get(1).reason().contains("'G' at column 11"), problems.get(1).reason());
        assertTrue(problems.get(2).reason().contains("does not unpack as iso87a"), problems.get(2).reason());
    }

    /** Field 48 values whose ASCII column looks like hex bytes, in frames of every length modulo 16. */
    @Test
    void jposHexdumpsReadWithoutTakingTheAsciiColumnForBytes() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String f48 = "30 31 32 33 AB CD EF 00 ".repeat(3).substring(0, 48 - i);
            ISOMsg m = purchase("%06d".formatted(i), f48);
            byte[] wire = i % 2 == 0 ? prefixed(frame(Profile.ISO87A, m)) : frame(Profile.ISO87A, m);
            if (i % 3 == 0) text.append("\n");
            if (i == 5) text.append("2026-09-30T10:00:05Z [dump]\n");
            text.append(ISOUtil.hexdump(wire));
            expected.add("%06d %s".formatted(i, f48));
        }
        Path f = write("dumps.txt", text.toString());
        List<RecordedMessage> all = read(f, Profile.ISO87A);
        assertEquals(List.of(), problems);
        assertEquals(expected, all.stream().map(r -> r.stan() + " " + r.message().getString(48)).toList());
        assertEquals(2, all.get(0).origin().number(), "the first dump starts after a blank line");
        RecordedMessage labelled = all.get(5);
        assertEquals(Instant.parse("2026-09-30T10:00:05Z"), labelled.at());
        assertEquals("dump", labelled.connection());
        assertNull(all.get(6).at());
    }

    @Test
    void badDumpLinesSkipTheirFrameOnly() throws Exception {
        byte[] wire = prefixed(frame(Profile.CUP, purchase("000001", null)));
        String dump = ISOUtil.hexdump(wire);
        String[] lines = dump.split("\\R");
        assertTrue(lines.length >= 4, dump);
        String outOfStep = String.join("\n", lines[0], lines[2], lines[3]) + "\n";
        String badByte = String.join("\n", lines[0], lines[1].substring(0, 9) + "ZZ" + lines[1].substring(11)) + "\n";
        Path f = write("bad.dump", dump + "\n" + outOfStep + "\n" + lines[1] + "\n\n" + badByte + "\n" + dump);
        List<RecordedMessage> all = read(f, Profile.CUP);
        int n = lines.length;
        assertEquals(List.of(1L, n + 11L), all.stream().map(m -> m.origin().number()).toList(), problems.toString());
        assertEquals(List.of(n + 3L, n + 6L, n + 9L), problems.stream().map(p -> p.origin().number()).toList(), problems.toString());
        assertTrue(problems.get(0).reason().contains("offset 20 where 10 was due"), problems.get(0).reason());
        assertTrue(problems.get(1).reason().contains("no offset 0000"), problems.get(1).reason());
        assertTrue(problems.get(2).reason().contains("not a hex dump line"), problems.get(2).reason());
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private List<RecordedMessage> read(Path f, Profile p) throws IOException {
        List<RecordedMessage> out = new ArrayList<>();
        try (HexDumpReader r = new HexDumpReader(f, unpacker(p), SHANGHAI, problems::add)) {
            for (RecordedMessage m; (m = r.next()) != null; ) out.add(m);
        }
        return out;
    }
}
