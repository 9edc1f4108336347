package io.acqsim.replay;

import static io.acqsim.replay.ReplayTesting.HEX;
import static io.acqsim.replay.ReplayTesting.assertNoStackTrace;
import static io.acqsim.replay.ReplayTesting.await;
import static io.acqsim.replay.ReplayTesting.pack;
import static io.acqsim.replay.ReplayTesting.replay;
import static io.acqsim.replay.ReplayTesting.stan;
import static io.acqsim.replay.ReplayTesting.terminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.replay.input.Origin;
import io.acqsim.replay.input.RecordedMessage;
import io.acqsim.terminal.RequestFactory;

/**
 * Open-loop pacing keeps the recorded gaps (scaled by xN) while max does not wait for them; and a long
 * paced replay stopped early returns at once, counts what it did not send, and says it was stopped.
 */
class ReplayPacingTest {
    /** Echo requests every 250 ms of recorded time from two terminals, over this long. */
    private static final Duration SPAN = Duration.ofSeconds(4);

    @TempDir
    static Path dir;
    static TestHost host;

    @BeforeAll
    static void start() {
        host = TestHost.start(dir.resolve("host"));
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    /** An echo's recorded answer as the host gives it: the request's fields back, 39 = 00. */
    private static ISOMsg answer(ISOMsg request) throws Exception {
        ISOMsg r = (ISOMsg) request.clone();
        r.setResponseMTI();
        r.set(39, "00");
        return r;
    }

    /**
     * A plain hex dump with ISO-8601 times (zone offsets of two kinds): echoes of T0000041 and T0000042
     * alternating every 250 ms over {@link #SPAN}, each answered 20 ms later.
     */
    private static Path timedDump(int firstStan) throws Exception {
        RequestFactory[] t = {terminal(Profile.ISO87A, 41), terminal(Profile.ISO87A, 42)};
        OffsetDateTime t0 = OffsetDateTime.parse("2026-09-30T10:00:00+08:00");
        StringBuilder text = new StringBuilder("# echoes every 250 ms, answers 20 ms later\n");
        long steps = SPAN.toMillis() / 250;
        for (int i = 0; i <= steps; i++) {
            ISOMsg req = t[i % 2].echo(stan(firstStan + i), 1);
            OffsetDateTime at = t0.plusNanos(250_000_000L * i);
            // every other line in UTC: the times are instants, whatever offset they are written with
            String when = (i % 4 == 0 ? at.withOffsetSameInstant(ZoneOffset.UTC) : at).toString();
            text.append(when).append(' ').append(HEX.formatHex(pack(req))).append('\n');
            text.append(at.plusNanos(20_000_000).toString()).append(' ').append(HEX.formatHex(pack(answer(req)))).append('\n');
        }
        return Files.writeString(dir.resolve("timed-" + firstStan + ".hex"), text.toString());
    }

    private static double seconds(String out) {
        Matcher m = Pattern.compile("requests/s over ([0-9.]+) s").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void openLoopKeepsTheRecordedGapsScaledAndMaxDoesNotWait() throws Exception {
        int requests = (int) (SPAN.toMillis() / 250) + 1;
        String target = "127.0.0.1:" + host.port(Profile.ISO87A);

        long started = System.nanoTime();
        CliHarness.Run x4 = replay("--input", timedDump(1).toString(), "--profile", "iso87a", "--target", target, "--pace", "x4", "--timeout", "10s");
        Duration paced = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(0, x4.exit(), x4.out() + x4.err());
        assertNoStackTrace(x4);
        assertTrue(x4.out().contains(requests + " requests sent to " + target + " (iso87a), pace x4"), x4.out());
        assertTrue(x4.out().contains("matched " + requests + " · mismatched 0"), x4.out());
        assertTrue(x4.out().matches("(?s).*sends late \\(open loop\\): p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms.*"), x4.out());
        Duration quarter = SPAN.dividedBy(4);
        assertTrue(paced.compareTo(quarter) >= 0, "the last request is due " + quarter + " after the first: took " + paced);
        assertTrue(seconds(x4.out()) >= quarter.toMillis() / 1000.0 - 0.01, x4.out());
        // the replay's own span (first send to last answer), not wall time: JVM warm-up and reading are not pacing
        assertTrue(seconds(x4.out()) < SPAN.toMillis() / 1000.0, "x4 is faster than the recording: " + x4.out());

        started = System.nanoTime();
        CliHarness.Run max = replay("--input", timedDump(101).toString(), "--profile", "iso87a", "--target", target, "--pace", "max", "--timeout", "10s");
        Duration unpaced = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(0, max.exit(), max.out() + max.err());
        assertTrue(max.out().contains(requests + " requests sent to " + target + " (iso87a), pace max"), max.out());
        assertTrue(max.out().contains("matched " + requests + " · mismatched 0"), max.out());
        assertFalse(max.out().contains("sends late"), "closed loop: nothing is due at a time: " + max.out());
        assertTrue(unpaced.compareTo(paced) < 0, "max (" + unpaced + ") is faster than x4 (" + paced + ")");
    }

    @Test
    void stoppingALongPacedRunReturnsPromptlyAndCountsWhatWasNotSent() throws Exception {
        int total = 200;
        Instant t0 = Instant.parse("2026-09-30T02:00:00Z");
        List<RecordedMessage> input = new ArrayList<>();
        RequestFactory[] t = {terminal(Profile.ISO87A, 43), terminal(Profile.ISO87A, 44), terminal(Profile.ISO87A, 45), terminal(Profile.ISO87A, 46)};
        for (int i = 0; i < total; i++) {
            // 200 requests over 100 recorded seconds, four terminals in turn
            input.add(new RecordedMessage(new Origin("long.log", Origin.Unit.LINE, i + 1), "conn-" + i % 4, t0.plusMillis(500L * i),
                    t[i % 4].echo(stan(i + 1), 1)));
        }
        Pairing pairing = new Pairing(Messages.reader(input), m -> Profile.ISO87A);
        ReplayStats stats = new ReplayStats();
        ReplayRun.Target target = new ReplayRun.Target("127.0.0.1", host.port(Profile.ISO87A), Packagers.load(TestHost.PACKAGERS, Profile.ISO87A));
        ReplayRun run = new ReplayRun(new ReplayRun.Options(Map.of(Profile.ISO87A, target), Pace.ORIGINAL, false, CompareRules.defaults(false), false,
                Duration.ofSeconds(10), null), stats);

        long started = System.nanoTime();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("replay-run").start(() -> {
            try {
                run.run(pairing, null);
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        await(() -> stats.sent() >= 4, Duration.ofSeconds(15), "four requests were sent");
        long stopAt = System.nanoTime();
        run.stop();
        runner.join(Duration.ofSeconds(10));
        Duration stopping = Duration.ofNanos(System.nanoTime() - stopAt);
        assertFalse(runner.isAlive(), "run() returned after stop()");
        assertNull(failed.get());
        assertTrue(stopping.compareTo(Duration.ofSeconds(3)) < 0, "stopped within the 2 s grace for answers, took " + stopping);

        long sent = stats.sent();
        assertTrue(sent >= 4 && sent < 20, "a few of the 200 went out: " + sent);
        // a send the stop interrupted mid-write counts as unsendable; every other request is sent or not sent
        assertTrue(stats.unsendable() <= 4, "at most one interrupted send per lane: " + stats.problemDetails());
        assertEquals(total - sent - stats.unsendable(), stats.notSent(), "every request not sent is counted as such, once");
        assertEquals(sent, stats.answered(), "the ones in flight were answered within the grace");
        assertEquals(sent, stats.requestsByMti().get("0800"));

        ReplaySummary summary = new ReplaySummary(List.of("long.log"), target + " (iso87a)", Pace.ORIGINAL.toString(), false, false,
                pairing.messagesRead(), pairing.orphanResponses(), 0, 0, Duration.ofNanos(System.nanoTime() - started), true);
        ReplayReport report = new ReplayReport(summary, stats);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("replay (stopped early): " + sent + " requests sent to " + target + " (iso87a), pace original"), out);
        assertTrue(out.contains("not sent " + stats.notSent()), out);
        assertTrue(out.contains("sends late (open loop)"), out);
        assertEquals(true, report.json().get("stopped"));
        assertEquals(stats.notSent(), report.json().get("notSent"));
        assertTrue(report.html().contains("<h1>Replay (stopped early)</h1>"));
    }
}
