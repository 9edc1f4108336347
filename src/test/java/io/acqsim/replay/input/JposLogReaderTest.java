package io.acqsim.replay.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.jpos.iso.ISOAmount;
import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs as jPOS systems other than acqsim write them, and damaged ones, read from real files. Every test
 * passes the zone explicitly, so results do not depend on the machine's zone or locale.
 */
class JposLogReaderTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    final List<InputProblem> problems = new ArrayList<>();

    /** SimpleLogListener output: no root, no XML declaration, jPOS 2.0 times, another system's fields. */
    static final String FOREIGN = """
            <log realm="Q2.system" at="Mon Nov 30 09:59:59.001 CST 2020">
              <info>
                Q2 started, deployDir=/opt/switch/deploy
              </info>
            </log>
            <log realm="channel.visa/10.1.2.3:5000" at="Mon Nov 30 10:00:00.123 CST 2020" lifespan="2ms">
              <receive>
                <isomsg direction="incoming">
                  <!-- org.jpos.iso.packager.GenericPackager -->
                  <field id="0" value="0200"/>
                  <field id="2" value="4111111111111111"/>
                  <field id="3" value="000000"/>
                  <field id="4" value="000000001234"/>
                  <field id="11" value="000123"/>
                  <field id="43" value="ACME &amp; SONS &lt;SHANGHAI&gt; &quot;CN&quot;"/>
                  <field id="48"><![CDATA[<tag>x</tag>]]></field>
                  <field id="52" value="A1B2C3D4E5F60718" type="binary"/>
                  <field id="55" value="AA55AA55" type="binary"/>
                  <field id="61" currency="840" type="amount" value="12.34"/>
                  <field id="62" value="[WIPED]"/>
                  <field id="63" value="ab\\u0001cd"/>
                  <isomsg id="127">
                    <field id="2" value="0000012345"/>
                    <isomsg id="25">
                      <field id="1" value="deep"/>
                    </isomsg>
                  </isomsg>
                </isomsg>
              </receive>
            </log>
            <log realm="org.jpos.transaction.TransactionManager" at="Mon Nov 30 10:00:00.200 CST 2020">
              <commit>
                <context>
                  REQUEST:
                  <isomsg>
                    <field id="0" value="0200"/>
                  </isomsg>
                </context>
                <isomsg direction="outgoing">
                  <field id="0" value="0210"/>
                  <field id="39" value="00"/>
                </isomsg>
              </commit>
            </log>
            <log realm="channel.visa/10.1.2.3:5000" at="Mon Nov 30 10:00:00.300 CST 2020">
              <exception name="boom">
                java.lang.IllegalStateException: boom
                    at org.jpos.iso.ISOMsg.<init>(ISOMsg.java:50)
              </exception>
            </log>
            <log realm="mux.visa" at="Mon Nov 30 10:00:01 CST 2020">
              <send>
                <isomsg>
                  <field id="0" value="0800"/>
                  <field id="70" value="301"/>
                </isomsg>
              </send>
            </log>
            """;

    @Test
    void aForeignLogWithoutRootReadsEveryMessageWithItsFieldsAsWritten() throws IOException {
        Path f = write("switch.log", FOREIGN);
        List<RecordedMessage> all = read(f);
        assertEquals(List.of(), problems);
        assertEquals(List.of("0200", "0210", "0800"), all.stream().map(RecordedMessage::mti).toList());

        RecordedMessage m = all.get(0);
        assertEquals(new Origin("switch.log", Origin.Unit.LINE, 8), m.origin());
        assertEquals("channel.visa/10.1.2.3:5000", m.connection());
        assertEquals(Instant.parse("2020-11-30T02:00:00.123Z"), m.at(), "CST in a log read in Asia/Shanghai is China Standard Time");
        ISOMsg msg = m.message();
        assertEquals(ISOMsg.INCOMING, msg.getDirection());
        assertEquals("4111111111111111", msg.getString(2), "a full PAN stays full");
        assertEquals("ACME & SONS <SHANGHAI> \"CN\"", msg.getString(43));
        assertEquals("<tag>x</tag>", msg.getString(48));
        assertInstanceOf(ISOBinaryField.class, msg.getComponent(52));
        assertArrayEquals(HexFormat.of().parseHex("A1B2C3D4E5F60718"), msg.getBytes(52));
        assertArrayEquals(HexFormat.of().parseHex("AA55AA55"), msg.getBytes(55), "ProtectedLogListener's wiped binary stays");
        assertInstanceOf(ISOAmount.class, msg.getComponent(61));
        assertEquals("[WIPED]", msg.getString(62));
        assertEquals("ab\u0001cd", msg.getString(63), "jPOS writes control characters as \\u00XX");
        assertEquals("0000012345", msg.getString("127.2"));
        assertEquals("deep", msg.getString("127.25.1"));
        assertInstanceOf(ISOMsg.class, msg.getComponent(127));
        assertNull(msg.getHeader());

        RecordedMessage committed = all.get(1);
        assertEquals(39, committed.origin().number(), "the <isomsg> with a direction, not the one in the context (line 35)");
        assertEquals(ISOMsg.OUTGOING, committed.message().getDirection());
        RecordedMessage sent = all.get(2);
        assertEquals("mux.visa", sent.connection());
        assertEquals(ISOMsg.OUTGOING, sent.message().getDirection(), "a bare <isomsg> in <send>");
        assertEquals(Instant.parse("2020-11-30T02:00:01Z"), sent.at());
    }

    @Test
    void jpos3TimesAreReadInTheGivenZoneAndSimulatedTimeWins() throws IOException {
        Path f = write("q2.log", """
                <?xml version="1.0" encoding="UTF-8"?>
                <logger class="org.jpos.util.RotateLogListener">
                <log realm="channel-iso87a/127.0.0.1:5" at="2026-12-01T14:50:56.746982633" trace-id="ab">
                  <receive>
                    <isomsg direction="incoming">
                      <field id="0" value="0800"/>
                    </isomsg>
                    <simulated-at>2026-09-30T10:00:00.123+08:00</simulated-at>
                  </receive>
                </log>
                <log realm="channel-iso87a/127.0.0.1:5" at="2026-12-01T14:50">
                  <send>
                    <isomsg direction="outgoing">
                      <field id="0" value="0810"/>
                    </isomsg>
                  </send>
                </log>
                </logger>
                """);
        List<RecordedMessage> all = read(f, ZoneId.of("America/New_York"));
        assertEquals(List.of(), problems);
        assertEquals(Instant.parse("2026-09-30T02:00:00.123Z"), all.get(0).at());
        assertEquals(Instant.parse("2026-12-01T19:50:00Z"), all.get(1).at(), "local time in New York, seconds omitted as LocalDateTime does");
    }

    @Test
    void aFileCutMidEventYieldsTheCompleteEventsAndReportsTheCutOne() throws IOException {
        String whole = FOREIGN;
        String cut = whole.substring(0, whole.indexOf("<field id=\"70\""));
        Path f = write("live.log", cut);
        List<RecordedMessage> all = read(f);
        assertEquals(List.of("0200", "0210"), all.stream().map(RecordedMessage::mti).toList());
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(new Origin("live.log", Origin.Unit.LINE, 51), problems.get(0).origin());
        assertTrue(problems.get(0).reason().contains("incomplete"), problems.get(0).reason());
    }

    @Test
    void anEventCutOffByTheNextOneIsReportedAndTheNextOneRead() throws IOException {
        Path f = write("crash.log", """
                <log realm="a" at="2026-01-01T00:00:00">
                  <receive>
                    <isomsg direction="incoming">
                      <field id="0" value="0200"/>
                <log realm="a" at="2026-01-01T00:00:01">
                  <receive>
                    <isomsg direction="incoming">
                      <field id="0" value="0800"/>
                    </isomsg>
                  </receive>
                </log>
                """);
        List<RecordedMessage> all = read(f);
        assertEquals(List.of("0800"), all.stream().map(RecordedMessage::mti).toList());
        assertEquals(List.of(new Origin("crash.log", Origin.Unit.LINE, 1)), problems.stream().map(InputProblem::origin).toList());
    }

    @Test
    void aMalformedEventInTheMiddleCostsOnlyItselfAndIsReportedWithFileAndLine() throws IOException {
        StringBuilder log = new StringBuilder("<logger>\n");
        for (int i = 0; i < 300; i++) {
            log.append(event(i, i == 150 ? "<field id=\"11\" value=\"000150\">" : "<field id=\"11\" value=\"%06d\"/>".formatted(i)));
        }
        log.append("</logger>\n");
        Path f = write("broken.log", log.toString());
        List<RecordedMessage> all = read(f);
        assertEquals(299, all.size());
        assertFalse(all.stream().anyMatch(m -> "000150".equals(m.stan())));
        assertEquals("000151", all.get(150).stan());
        assertEquals(1, problems.size(), problems.toString());
        InputProblem p = problems.get(0);
        assertEquals("broken.log", p.origin().file());
        long eventLine = 2 + 150 * 8L;
        assertTrue(p.origin().number() >= eventLine && p.origin().number() < eventLine + 8, p.toString());
        assertTrue(p.reason().contains("line " + eventLine), p.reason());
    }

    @Test
    void badValuesSkipTheirMessageWithTheLineOfTheField() throws IOException {
        Path f = write("values.log", event(1, "<field id=\"52\" value=\"XYZ\" type=\"binary\"/>")
                + event(2, "<field id=\"x\" value=\"1\"/>")
                + event(3, "<field id=\"11\" value=\"000003\"/>").replace("value=\"0200\"", "value=\"02A0\"")
                + event(4, "<field id=\"11\" value=\"000004\"/>")
                + event(5, "<field id=\"11\" value=\"&unknown;\"/>")
                + event(6, "<field id=\"11\" value=\"000006\"/>").replace("at=\"", "at=\"yesterday "));
        List<RecordedMessage> all = read(f);
        assertEquals(List.of("000004"), all.stream().map(RecordedMessage::stan).toList());
        assertEquals(List.of(5L, 13L, 19L, 37L, 41L), problems.stream().map(p -> p.origin().number()).toList(), problems.toString());
    }

    @Test
    void eventsAcrossBufferBoundariesReadTheSameWhateverTheBufferSize() throws IOException {
        StringBuilder log = new StringBuilder("<?xml version=\"1.0\"?>\n<logger>\n");
        for (int i = 0; i < 40; i++) {
            log.append(event(i, "<field id=\"48\"><![CDATA[</log> <log realm=\"x\"> ]]></field>\n<!-- <log> -->"));
            log.append("<log realm=\"Q2\" at=\"2026-01-01T00:00:00\"><info>noise ").append(i).append("</info></log>\n");
        }
        log.append("</logger>\n");
        Path f = write("sizes.log", log.toString());
        List<String> expected = null;
        for (int size : new int[] {16, 17, 64, 100, 333, 4096, 1 << 17}) {
            problems.clear();
            List<String> got = new ArrayList<>();
            try (JposLogReader r = new JposLogReader(new LogEventScanner(InputFile.openText(f), f, problems::add, size, 1 << 20), f, SHANGHAI, problems::add)) {
                for (RecordedMessage m; (m = r.next()) != null; ) got.add(m.origin() + " " + m.message().getString(48));
            }
            assertEquals(List.of(), problems, "buffer " + size);
            assertEquals(40, got.size(), "buffer " + size);
            if (expected == null) expected = got;
            assertEquals(expected, got, "buffer " + size);
        }
        assertEquals("sizes.log:5 </log> <log realm=\"x\"> ", expected.get(0));
    }

    @Test
    void anEventLongerThanTheLimitIsReportedAndSkipped() throws IOException {
        String big = "<field id=\"48\" value=\"" + "x".repeat(5000) + "\"/>";
        Path f = write("big.log", event(1, "<field id=\"11\" value=\"000001\"/>") + event(2, big) + event(3, "<field id=\"11\" value=\"000003\"/>"));
        List<String> stans = new ArrayList<>();
        try (JposLogReader r = new JposLogReader(new LogEventScanner(InputFile.openText(f), f, problems::add, 256, 1024), f, SHANGHAI, problems::add)) {
            for (RecordedMessage m; (m = r.next()) != null; ) stans.add(m.stan());
        }
        assertEquals(List.of("000001", "000003"), stans);
        assertEquals(List.of(new Origin("big.log", Origin.Unit.LINE, 9)), problems.stream().map(InputProblem::origin).toList());
    }

    @Test
    void aGzipFileIsRecognisedByItsBytesNotItsName() throws IOException {
        Path f = dir.resolve("q2.log.3");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(FOREIGN.getBytes(StandardCharsets.UTF_8));
        }
        List<RecordedMessage> all = read(f);
        assertEquals(3, all.size());
        assertEquals("q2.log.3", all.get(0).origin().file());
    }

    @Test
    void windowsLineEndsCountAsOneLine() throws IOException {
        List<RecordedMessage> unix = read(write("unix.log", FOREIGN));
        List<RecordedMessage> windows = read(write("windows.log", FOREIGN.replace("\n", "\r\n")));
        assertEquals(unix.stream().map(m -> m.origin().number()).toList(), windows.stream().map(m -> m.origin().number()).toList());
        assertEquals(List.of(), problems);
    }

    @Test
    void aGzipFileCutShortYieldsWhatDecompressesAndSaysSo() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 2000; i++) log.append(event(i, "<field id=\"11\" value=\"%06d\"/>".formatted(i)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(log.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        Path f = dir.resolve("q2.log.1.gz");
        Files.write(f, Arrays.copyOf(whole, whole.length / 2));
        List<RecordedMessage> all = read(f);
        assertTrue(all.size() > 100 && all.size() < 2000, all.size() + " messages");
        assertEquals("%06d".formatted(all.size() - 1), all.get(all.size() - 1).stan(), "every message up to the cut, in order");
        assertTrue(problems.get(0).reason().contains("gzip file cut short"), problems.toString());
        assertTrue(problems.size() == 1 || problems.get(1).reason().contains("incomplete"), "and the event it cut: " + problems);
    }

    @Test
    void aTextWithoutMessagesYieldsNothing() throws IOException {
        try (JposLogReader r = new JposLogReader(Path.of("empty.log"), new StringReader("<logger>\n</logger>\n"), SHANGHAI, problems::add)) {
            assertNull(r.next());
            assertNull(r.next());
        }
        assertEquals(List.of(), problems);
    }

    /** A cup-like receive event of 8 lines whose second field line is {@code field}. */
    static String event(int n, String field) {
        return """
                <log realm="channel-cup/127.0.0.1:4000" at="2026-09-30T10:00:%02d">
                  <receive>
                    <isomsg direction="incoming">
                      <field id="0" value="0200"/>
                      %s
                    </isomsg>
                  </receive>
                </log>
                """.formatted(n % 60, field);
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private List<RecordedMessage> read(Path f) throws IOException {
        return read(f, SHANGHAI);
    }

    private List<RecordedMessage> read(Path f, ZoneId zone) throws IOException {
        List<RecordedMessage> out = new ArrayList<>();
        try (JposLogReader r = new JposLogReader(f, zone, problems::add)) {
            for (RecordedMessage m; (m = r.next()) != null; ) out.add(m);
        }
        return out;
    }
}
