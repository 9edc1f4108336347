package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.json;
import static io.acqsim.replay.ReplayTesting.luhn;
import static io.acqsim.replay.ReplayTesting.replay;
import static io.acqsim.replay.ReplayTesting.stan;
import static io.acqsim.replay.ReplayTesting.terminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.logging.AppLogTo;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * A message log as another jPOS system writes it — no {@code <logger>} root, realms that are not acqsim's,
 * jPOS 3 local times and jPOS 2 date strings, full card numbers, fields the host does not use (43 with an
 * escaped '&', 48), requests under {@code <receive>} paired with answers under {@code <send>}, events that
 * are no messages (an exception whose stack trace holds {@code <init>}) — replayed against a real host with
 * --compare: everything matches, and no full card number ends up in the host's logs or in anything replay
 * prints or writes. A composite field 127, which the iso87a packager cannot pack, is reported with its
 * file and line and makes the exit code 2.
 */
class ForeignLogReplayTest {
    /** The shipped test card: 19 digits. */
    static final String PAN19 = "6222021234567890123";
    /** A Luhn-valid 16-digit card of another BIN. */
    static final String PAN16 = luhn("622848012345678");
    static final List<String> PANS = List.of(PAN19, PAN16);
    /** The foreign switch's local date and times (Asia/Shanghai), read with --log-zone. */
    static final LocalDateTime T0 = LocalDateTime.parse("2026-10-09T10:00:00.123456");
    static final DateTimeFormatter JPOS2 = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSS zzz yyyy", Locale.US);

    @TempDir
    static Path dir;
    static Path dataB;
    static AppLogTo appLog;
    static Path foreign;
    static Path composite;
    /** The line of the {@code <isomsg>} with composite field 127 in {@link #composite}. */
    static int compositeLine;
    static Instant first;
    static Instant last;

    /** One exchange as host A answered it. */
    record Exchange(ISOMsg request, ISOMsg response) {
    }

    @AfterAll
    static void restoreAppLog() {
        if (appLog != null) appLog.afterAll(null);
    }

    @BeforeAll
    static void writeForeignLogs() throws Exception {
        dataB = dir.resolve("b");
        // the application log goes to host B's DATA/log, at debug so every message is summarised there
        appLog = AppLogTo.dir(dataB.resolve("log")).level("debug");
        appLog.beforeAll(null);

        List<Exchange> t1;
        List<Exchange> t12;
        List<Exchange> t3;
        // host A answers the requests once, so the recorded answers are what an acqsim host says
        try (TestHost a = TestHost.start(dir.resolve("a"))) {
            RequestFactory r1 = terminal(Profile.ISO87A, 1);
            ISOMsg chip = r1.cardPurchase(stan(2), 1, 12_34, PAN19, "2912", "051");
            chip.set(43, "SHOP & CO             SHANGHAI      CN");
            chip.set(48, "ORDER=12345;TABLE=<7>");
            ISOMsg track2 = r1.cardPurchase(stan(3), 1, 108_00, PAN19, "2912", "021");
            track2.set(43, "SHOP & CO             SHANGHAI      CN");
            t1 = record(a, r1.signOn(stan(1), 1), chip, track2);

            RequestFactory r12 = terminal(Profile.ISO87A, 12);
            ISOMsg contactless = r12.cardPurchase(stan(7), 1, 56_00, PAN16, "2811", "071");
            contactless.set(48, "LOYALTY <0042> & MORE");
            t12 = record(a, r12.signOn(stan(6), 1), contactless, r12.cardPurchase(stan(8), 1, 9_51, PAN16, "2811", "051"));

            RequestFactory r3 = terminal(Profile.ISO87A, 3);
            t3 = record(a, r3.signOn(stan(1), 1), r3.cardPurchase(stan(2), 1, 20_00, PAN19, "2912", "051"),
                    r3.cardPurchase(stan(3), 1, 30_00, PAN16, "2811", "071"));
        }
        assertEquals("51", t12.get(2).response().getString(39), "the issuer declines amounts ending in 51");

        LogText log = new LogText();
        log.text("""
                <log realm="Q2.system" at="%s">
                  <info>
                    Q2.start() : deploy directory /opt/switch/deploy
                  </info>
                </log>
                """.formatted(jpos3(0)));
        int ms = 100;
        for (int i = 0; i < 3; i++) {
            // terminal 1 on a channel, jPOS 3 local times; terminal 12 through a MUX, jPOS 2 date strings
            log.exchange("channel/10.1.2.3:40000", jpos3(ms), jpos3(ms + 30), t1.get(i), false);
            log.exchange("mux.in", jpos2(ms + 50), jpos2(ms + 80), t12.get(i), true);
            if (i == 1) {
                log.text("""
                        <log realm="org.jpos.transaction.TransactionManager" at="%s">
                          <exception name="null">
                          java.lang.NullPointerException
                          	at com.example.switch.Route.<init>(Route.java:42)
                          	at org.jpos.transaction.TransactionManager.prepare(TransactionManager.java:541)
                          </exception>
                        </log>
                        <log realm="channel/10.1.2.3:40000" at="%s">
                          <warn>
                            idle connection 10.1.2.4:51234 &lt;closed&gt;
                          </warn>
                        </log>
                        """.formatted(jpos3(ms + 90), jpos3(ms + 95)));
            }
            ms += 500;
        }
        // the first request is terminal 1's; the last answer terminal 12's, whose jPOS 2 time has milliseconds only
        first = T0.plusNanos(100_000_000L).atZone(ReplayTesting.SHANGHAI).toInstant();
        last = T0.plusNanos((ms - 500 + 80) * 1_000_000L).truncatedTo(ChronoUnit.MILLIS).atZone(ReplayTesting.SHANGHAI).toInstant();
        foreign = Files.writeString(dir.resolve("switch.log"), log.toString());

        // terminal 3: its second purchase carries composite field 127; the foreign host's answer to the third echoes the card number
        LogText other = new LogText();
        other.exchange("channel/10.9.9.9:41000", jpos3(0), jpos3(20), t3.get(0), false);
        ISOMsg with127 = (ISOMsg) t3.get(1).request().clone();
        ISOMsg f127 = new ISOMsg(127);
        f127.set(2, "ROUTE-A");
        f127.set(3, "0042");
        with127.set(f127);
        compositeLine = other.exchange("channel/10.9.9.9:41000", jpos3(100), jpos3(120), new Exchange(with127, t3.get(1).response()), false);
        ISOMsg echoesPan = (ISOMsg) t3.get(2).response().clone();
        echoesPan.set(2, PAN16);
        other.exchange("channel/10.9.9.9:41000", jpos3(200), jpos3(220), new Exchange(t3.get(2).request(), echoesPan), false);
        composite = Files.writeString(dir.resolve("switch-127.log"), other.toString());
    }

    private static List<Exchange> record(TestHost host, ISOMsg... requests) throws Exception {
        List<Exchange> out = new ArrayList<>();
        try (TerminalLink link = host.connect(Profile.ISO87A)) {
            for (ISOMsg m : requests) {
                ISOMsg sent = (ISOMsg) m.clone();
                ISOMsg answer = link.exchange(m);
                assertNotNull(answer, "host A answered " + m.getMTI() + " " + m.getString(11));
                out.add(new Exchange(sent, answer));
            }
        }
        return out;
    }

    private static String jpos3(int millis) {
        return T0.plusNanos(millis * 1_000_000L).toString();
    }

    /** jPOS 2.0's {@code at}: {@code Fri Oct 09 10:00:00.150 CST 2026}. */
    private static String jpos2(int millis) {
        return JPOS2.format(T0.plusNanos(millis * 1_000_000L).atZone(ReplayTesting.SHANGHAI));
    }

    /** A foreign log's text, written the way jPOS's XML log writer does, line numbers kept. */
    private static final class LogText {
        private final StringBuilder sb = new StringBuilder();

        void text(String s) {
            sb.append(s);
        }

        int line() {
            return (int) sb.chars().filter(c -> c == '\n').count() + 1;
        }

        /** Writes the request's {@code <receive>} and the answer's {@code <send>} event; returns the line of the request's {@code <isomsg>}. */
        int exchange(String realm, String requestAt, String responseAt, Exchange e, boolean jpos2) {
            sb.append("<log realm=\"").append(realm).append("\" at=\"").append(requestAt).append("\"").append(jpos2 ? "" : " lifespan=\"1ms\"").append(">\n");
            sb.append("  <receive>\n");
            int line = line();
            message(e.request(), "incoming", jpos2);
            sb.append("  </receive>\n</log>\n");
            sb.append("<log realm=\"").append(realm).append("\" at=\"").append(responseAt).append("\">\n");
            sb.append("  <send>\n");
            message(e.response(), "outgoing", jpos2);
            sb.append("  </send>\n</log>\n");
            return line;
        }

        private void message(ISOMsg m, String direction, boolean jpos2) {
            sb.append("    <isomsg direction=\"").append(direction).append("\">\n");
            sb.append("      <!-- org.jpos.iso.packager.GenericPackager[cfg/packager/iso87ascii.xml] -->\n");
            if (jpos2) sb.append("      <field id=\"1\" value=\"{...}\" type=\"bitmap\"/>\n");
            fields(m, "      ", !jpos2);
            sb.append("    </isomsg>\n");
        }

        /** jPOS 3 writes a value holding '<' as CDATA, jPOS 2 escapes it in the attribute. */
        private void fields(ISOMsg m, String indent, boolean cdata) {
            for (Object o : m.getChildren().entrySet()) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) o;
                int n = (Integer) entry.getKey();
                if (n < 0) continue;
                ISOComponent c = (ISOComponent) entry.getValue();
                if (c instanceof ISOMsg sub) {
                    sb.append(indent).append("<isomsg id=\"").append(n).append("\">\n");
                    fields(sub, indent + "  ", cdata);
                    sb.append(indent).append("</isomsg>\n");
                } else if (cdata && m.getString(n).contains("<")) {
                    sb.append(indent).append("<field id=\"").append(n).append("\"><![CDATA[").append(m.getString(n)).append("]]></field>\n");
                } else {
                    sb.append(indent).append("<field id=\"").append(n).append("\" value=\"").append(escape(m.getString(n))).append("\"/>\n");
                }
            }
        }

        private static String escape(String v) {
            return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /** Fails when any full card number of the foreign logs is in {@code text}, as digits or as the hex of its ASCII. */
    private static void assertNoFullPan(String text, String where) {
        for (String pan : PANS) {
            assertFalse(text.contains(pan), "the full card number " + masked(pan) + " is in " + where);
            String hex = ISOUtil.hexString(pan.getBytes(StandardCharsets.US_ASCII));
            assertFalse(text.toUpperCase(Locale.ROOT).contains(hex), "the card number " + masked(pan) + " is in " + where + " as hex");
        }
    }

    private static String masked(String pan) {
        return io.acqsim.iso.Masking.pan(pan);
    }

    @Test
    void aForeignLogReplaysAgainstTheHostAndMatchesWithoutLeakingCardNumbers() throws Exception {
        assertTrue(Files.readString(foreign).contains(PAN19) && Files.readString(foreign).contains(PAN16), "the foreign log holds full PANs");
        assertFalse(Files.readString(foreign).contains("<logger"), "no <logger> root");

        CliHarness.Run dry = replay("--input", foreign.toString(), "--profile", "iso87a", "--log-zone", "Asia/Shanghai", "--dry-run");
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.out().contains("dry run: 12 messages read"), dry.out());
        assertTrue(dry.out().contains("requests 6: 0200 ×4, 0800 ×2"), dry.out());
        assertTrue(dry.out().contains("paired with a recorded response 6 · without one 0 · responses without a request 0"), dry.out());
        assertTrue(dry.out().contains("TIDs 2: T0000001 T0000012"), dry.out());
        assertTrue(dry.out().contains("time span: " + first + " … " + last), "jPOS 3 and jPOS 2 times both read in the log's zone:\n" + dry.out());

        Path report = dir.resolve("foreign.json");
        CliHarness.Run r;
        try (TestHost b = TestHost.start(dataB)) {
            r = replay("--input", foreign.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + b.port(Profile.ISO87A), "--compare",
                    "--log-zone", "Asia/Shanghai", "--timeout", "10s", "--report", report.toString());
        }
        assertEquals(0, r.exit(), r.out() + r.err());
        assertNoStackTrace(r);
        JsonNode j = json(report);
        assertEquals(12, j.path("messagesRead").asInt(), r.out());
        assertEquals(6, j.path("sent").asInt(), r.out());
        assertEquals(6, j.path("answered").asInt(), r.out());
        assertEquals(6, j.path("matched").asInt(), r.out());
        assertEquals(0, j.path("mismatched").asInt(), r.out());
        assertEquals(0, j.path("skipped").asInt(), r.out());
        assertEquals(0, j.path("orphanResponses").asInt(), r.out());
        assertEquals(4, j.path("requestsByMti").path("0200").asInt(), j.toString());
        assertEquals(2, j.path("requestsByMti").path("0800").asInt(), j.toString());
        assertTrue(r.out().contains("0 masked cards given test PANs"), "full card numbers are sent as they are: " + r.out());
        assertFalse(r.out().contains("left out"), r.out());

        assertNoFullPan(r.out() + r.err(), "replay's output");
        assertNoFullPan(Files.readString(report), "the JSON report");
        String q2 = Files.readString(dataB.resolve("log/q2.log"));
        assertTrue(q2.contains("T0000012") && q2.contains("000007"), "B logged the replayed requests");
        assertTrue(q2.contains("622202_________0123") && q2.contains(PAN16.substring(0, 6) + "______" + PAN16.substring(12)),
                "B logged both cards masked");
        assertNoFullPan(q2, "host B's q2.log");
        assertNoFullPan(Files.readString(dir.resolve("a/log/q2.log")), "host A's q2.log");
        Path appLog = dataB.resolve("log/acqsim.log");
        assertTrue(Files.isRegularFile(appLog), "the application log is in B's DATA/log");
        String app = Files.readString(appLog);
        assertTrue(app.contains("0200 3=000000 4=000000001234 11=000002"), "the application log summarises every message at debug level");
        assertNoFullPan(app, "DATA/log/acqsim.log");
    }

    @Test
    void aCompositeFieldThePackagerCannotPackIsReportedWithFileAndLine() throws Exception {
        Path html = dir.resolve("composite.html");
        CliHarness.Run r;
        Path data = dir.resolve("b2");
        try (TestHost b = TestHost.start(data)) {
            r = replay("--input", composite.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + b.port(Profile.ISO87A), "--compare",
                    "--timeout", "10s", "--report", html.toString());
        }
        assertEquals(2, r.exit(), "a request that cannot be sent: " + r.out() + r.err());
        assertNoStackTrace(r);
        assertTrue(r.out().contains("  switch-127.log:" + compositeLine + ": 0200 cannot be packed for iso87a"), "file and line:\n" + r.out());
        assertTrue(r.out().contains("2 requests sent"), r.out());
        assertTrue(r.out().contains("matched 1 · mismatched 1"), r.out());
        assertTrue(r.out().contains("field 2: expected " + masked(PAN16) + ", got absent"), "the PAN in the recorded answer, masked:\n" + r.out());
        assertTrue(r.out().contains("0 records skipped"), "an unsendable request is no unreadable record: " + r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("switch-127.log:" + compositeLine + ": 0200 cannot be packed"), page);
        assertTrue(page.contains(masked(PAN16)), page);
        assertNoFullPan(r.out() + r.err(), "replay's output");
        assertNoFullPan(page, "the HTML report");
        assertNoFullPan(Files.readString(data.resolve("log/q2.log")), "host B2's q2.log");
    }
}
