package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.HEX;
import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.json;
import static io.acqsim.replay.ReplayTesting.pack;
import static io.acqsim.replay.ReplayTesting.replay;
import static io.acqsim.replay.ReplayTesting.stan;
import static io.acqsim.replay.ReplayTesting.terminal;
import static io.acqsim.replay.ReplayTesting.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import io.acqsim.terminal.RequestFactory;

/**
 * Hex dumps of three demo terminals' requests — plain one-frame-per-line without and with the length
 * prefix, and jPOS's ISOUtil.hexdump layout — with malformed records among them, replayed against a
 * real host: every good request is sent and answered, every bad record is skipped and named by file and
 * line, and the exit code is 2. With --fail-fast the run ends at the first bad record.
 */
class HexReplayTest {
    private static final String PAN = "6222021234567890123";
    private static final int PURCHASES = 3;

    @TempDir
    static Path dir;
    static TestHost host;
    static Path plain;
    static Path prefixed;
    static Path dump;
    /** "file:line: reason start" of every bad record, in file order. */
    static final List<String> bad = new ArrayList<>();

    /** A text file built line by line, remembering the numbers of the lines that matter. */
    private static final class Lines {
        final String name;
        final List<String> lines = new ArrayList<>();

        Lines(String name) {
            this.name = name;
        }

        /** Adds one line; returns its number. */
        int line(String text) {
            lines.add(text);
            return lines.size();
        }

        void bad(String text, String reason) {
            bad.add(name + ":" + line(text) + ": " + reason);
        }

        Path write() throws Exception {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        }
    }

    /** A sign-on and {@value #PURCHASES} purchases of demo terminal n. */
    private static List<ISOMsg> session(int n) throws Exception {
        RequestFactory t = terminal(Profile.ISO87A, n);
        List<ISOMsg> out = new ArrayList<>(List.of(t.signOn(stan(1), 1)));
        String[] modes = {"051", "071", "021"};
        for (int i = 0; i < PURCHASES; i++) out.add(t.cardPurchase(stan(2 + i), 1, 1000 + 100L * i, PAN, "2912", modes[i]));
        return out;
    }

    @BeforeAll
    static void writeDumps() throws Exception {
        host = TestHost.start(dir.resolve("host"));

        Lines p = new Lines("plain.hex");
        p.line("# T0000031, plain layout, no length prefix");
        List<ISOMsg> s = session(31);
        p.line(HEX.formatHex(pack(s.get(0))));
        p.bad("3038303", "odd number of hex digits (7)");
        p.line(HEX.formatHex(pack(s.get(1))));
        p.line("");
        p.bad("30383030 GG", "'G' at column 10 is not a hex digit");
        p.line(HEX.formatHex(pack(s.get(2))));
        p.line(HEX.formatHex(pack(s.get(3))));
        plain = p.write();

        Lines q = new Lines("plain-prefixed.hex");
        q.line("# T0000032, plain layout with the 2-byte length prefix, digits in groups of four");
        s = session(32);
        for (int i = 0; i < s.size(); i++) {
            q.line(spaced(withLength(pack(s.get(i)))));
            if (i == 1) q.bad(HEX.formatHex(withLength("0200ABCDEFGH".getBytes(java.nio.charset.StandardCharsets.US_ASCII))), "frame of 14 bytes does not unpack as iso87a");
        }
        prefixed = q.write();

        Lines d = new Lines("dump.hex");
        d.line("# T0000033, jPOS ISOUtil.hexdump layout, one dump per frame");
        s = session(33);
        for (int i = 0; i < s.size(); i++) {
            d.line("");
            for (String l : ISOUtil.hexdump(withLength(pack(s.get(i)))).split("\\R")) d.line(l);
            if (i == 2) {
                d.line("");
                String[] lines = ISOUtil.hexdump(pack(s.get(i))).split("\\R");
                d.line(lines[0]);
                d.bad(lines[1].substring(0, 6) + "ZZ" + lines[1].substring(8), "not a hex dump line");
                for (int k = 2; k < lines.length; k++) d.line(lines[k]);
            }
        }
        d.line("");
        int start = d.line(ISOUtil.hexdump("0800XYZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).strip());
        bad.add("dump.hex:" + start + ": frame of 7 bytes does not unpack as iso87a");
        dump = d.write();
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    /** Bytes as hex in groups of two bytes: {@code 0077 3032 3030 ...}. */
    private static String spaced(byte[] b) {
        String h = HEX.formatHex(b);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length(); i += 4) sb.append(i == 0 ? "" : " ").append(h, i, Math.min(h.length(), i + 4));
        return sb.toString();
    }

    @Test
    void goodRequestsAreAllSentAndAnsweredAndEveryBadRecordIsNamed() throws Exception {
        Path report = dir.resolve("hex.json");
        CliHarness.Run r = replay("--input", plain.toString(), prefixed.toString(), dump.toString(), "--profile", "iso87a",
                "--target", "127.0.0.1:" + host.port(Profile.ISO87A), "--timeout", "10s", "--report", report.toString());
        assertEquals(2, r.exit(), "records were skipped:\n" + r.out() + r.err());
        assertNoStackTrace(r);
        assertEquals(5, bad.size());
        for (String b : bad) assertTrue(r.err().contains("replay: skipped " + b), "stderr names " + b + ":\n" + r.err());
        for (String b : bad) assertTrue(r.out().contains("  " + b), "the report lists " + b + ":\n" + r.out());

        JsonNode j = json(report);
        int requests = 3 * (1 + PURCHASES);
        assertEquals(requests, j.path("messagesRead").asInt(), r.out());
        assertEquals(requests, j.path("sent").asInt(), r.out());
        assertEquals(requests, j.path("answered").asInt(), "every good request answered: " + r.out());
        assertEquals(0, j.path("noAnswer").asInt());
        assertEquals(requests, j.path("unexpectedAnswers").asInt(), "a dump of requests records no answers");
        assertEquals(3, j.path("requestsByMti").path("0800").asInt(), j.toString());
        assertEquals(3 * PURCHASES, j.path("requestsByMti").path("0200").asInt(), j.toString());
        assertEquals(5, j.path("skipped").asInt());
        List<String> skipped = new ArrayList<>();
        j.path("skippedRecords").forEach(n -> skipped.add(n.asText()));
        for (String b : bad) assertTrue(skipped.stream().anyMatch(x -> x.startsWith(b)), b + " in " + skipped);
        assertTrue(r.out().contains("5 records skipped"), r.out());
        assertFalse((r.out() + r.err() + Files.readString(report)).contains(PAN), "no card number in what replay writes");
    }

    @Test
    void failFastStopsAtTheFirstBadRecord() {
        CliHarness.Run r = replay("--input", plain.toString(), "--profile", "iso87a", "--target", "127.0.0.1:" + host.port(Profile.ISO87A),
                "--timeout", "10s", "--fail-fast");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertNoStackTrace(r);
        assertTrue(r.err().contains("replay: " + bad.get(0)), r.err());
        assertTrue(r.err().contains("(--fail-fast)"), r.err());
        assertFalse(r.err().contains(bad.get(1)), "nothing read after the first bad record: " + r.err());
        assertFalse(r.out().contains("requests sent"), "no report: " + r.out());

        CliHarness.Run dry = replay("--input", dump.toString(), "--profile", "iso87a", "--dry-run", "--fail-fast");
        assertEquals(2, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.err().contains("replay: " + bad.get(3)), dry.err());
        assertFalse(dry.err().contains(bad.get(4)), dry.err());
    }
}
