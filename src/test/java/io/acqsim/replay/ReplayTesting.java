package io.acqsim.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.json.Json;
import io.acqsim.cli.CliHarness;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;

/** Shared bits of the replay integration tests: demo terminals, packed frames, the CLI, waiting on a condition. */
final class ReplayTesting {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ReplayTesting() {
    }

    /** Demo terminal n (README "Connecting a terminal"): TID T + 7 digits, merchant M + 14 digits of ((n-1) mod 10) + 1. */
    static RequestFactory terminal(Profile p, int n) {
        return new RequestFactory(p, tid(n), mid(n), Clock.systemUTC(), SHANGHAI);
    }

    static String tid(int n) {
        return String.format("T%07d", n);
    }

    static String mid(int n) {
        return String.format("M%014d", (n - 1) % 10 + 1);
    }

    static String stan(int n) {
        return String.format("%06d", n);
    }

    /** The packed iso87a message (what follows the 2-byte length prefix on the wire). */
    static byte[] pack(ISOMsg m) throws ISOException {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.setPackager(Packagers.load(TestHost.PACKAGERS, Profile.ISO87A));
        return copy.pack();
    }

    /** The 2-byte big-endian length prefix followed by {@code body}. */
    static byte[] withLength(byte[] body) {
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) (body.length >> 8);
        out[1] = (byte) body.length;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    /** {@code acqsim replay ARGS...} in this JVM. */
    static CliHarness.Run replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        return CliHarness.execute(all.toArray(String[]::new));
    }

    static JsonNode json(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }

    /** What a user sees: one line, no Java stack trace. */
    static void assertNoStackTrace(CliHarness.Run r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("\tat ") || all.contains("Exception in") || all.matches("(?s).*\\bat [a-z]+\\.[\\w.$]+\\(.*"),
                "no stack trace:\n" + all);
    }

    /** Polls {@code condition} every 5 ms until it holds, for up to {@code max}. */
    static void await(BooleanSupplier condition, Duration max, String what) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out after " + max + " waiting until " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** {@code body} with the check digit that makes it Luhn-valid. */
    static String luhn(String body) {
        for (char c = '0'; c <= '9'; c++) {
            if (TestCards.luhnValid(body + c)) return body + c;
        }
        throw new AssertionError();
    }
}
