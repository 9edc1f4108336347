package io.acqsim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each registered action: built by name from its parameters, its default direction, how it is
 * described, what it does on a {@link Wire} and to an emulated exchange.
 */
class NetworkActionsTest {
    static final Map<String, String> NONE = Map.of();

    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of("latency", Map.of("latency", "PT2S"), new Latency(Duration.ofSeconds(2), Duration.ZERO),
                        Direction.RESPONSE, "latency PT2S", "passAfter PT2S", Exchange.delayed(Duration.ofSeconds(2))),
                Arguments.of("drop-request", NONE, new DropRequest(), Direction.REQUEST, "drop-request", "drop", Exchange.LOST),
                Arguments.of("drop-response", NONE, new DropResponse(), Direction.RESPONSE, "drop-response", "loseAnswer", Exchange.LOST),
                Arguments.of("reset", NONE, new Reset(), Direction.REQUEST, "reset", "reset", Exchange.LOST),
                Arguments.of("close-after-bytes", Map.of("bytes", "7"), new CloseAfterBytes(7), Direction.RESPONSE,
                        "close-after-bytes after 7 bytes", "passFirstBytes 7", Exchange.LOST),
                Arguments.of("corrupt", NONE, new Corrupt("bitmap"), Direction.RESPONSE, "corrupt bitmap", "passCorrupted bitmap", Exchange.LOST),
                Arguments.of("corrupt", Map.of("target", "mti"), new Corrupt("mti"), Direction.RESPONSE, "corrupt mti", "passCorrupted mti",
                        Exchange.LOST),
                Arguments.of("duplicate", NONE, new Duplicate(), Direction.RESPONSE, "duplicate", "passTwice", Exchange.UNCHANGED),
                Arguments.of("blackhole", NONE, new Blackhole(), Direction.REQUEST, "blackhole", "blackhole", Exchange.LOST),
                Arguments.of("bandwidth", Map.of("bytes-per-second", "1000"), new Bandwidth(1000), Direction.RESPONSE, "bandwidth 1000 bytes/s",
                        "passAtRate 1000", Exchange.UNCHANGED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("actions")
    void eachActionIsBuiltByNameAndActsOnce(String name, Map<String, String> parameters, NetworkAction expected, Direction direction,
                                            String description, String onWire, Exchange onExchange) {
        NetworkAction a = NetworkAction.parse(name, parameters);
        assertEquals(expected, a);
        assertEquals(name, a.name());
        assertEquals(direction, a.defaultDirection());
        assertEquals(description, a.describe());
        Recorder wire = new Recorder();
        a.act(wire);
        assertEquals(List.of(onWire), wire.calls, "exactly one thing happens to the message");
        assertEquals(onExchange, a.onExchange(new SplittableRandom(1)));
    }

    @Test
    void everyRegisteredNameIsTestedAndTakesTheParametersItSays() {
        assertEquals(actions().map(a -> a.get()[0]).collect(java.util.stream.Collectors.toSet()), NetworkActions.names());
        assertEquals(List.of("latency", "jitter"), NetworkActions.parameters("latency"));
        assertEquals(List.of(), NetworkActions.parameters("reset"));
        assertEquals(java.util.Set.of("latency", "jitter", "bytes", "target", "bytes-per-second"), NetworkActions.allParameters());
    }

    @Test
    void jitterAddsAUniformPartUpToItsSize() {
        Latency l = new Latency(Duration.ofMillis(100), Duration.ofMillis(50));
        RandomGenerator r = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            Duration d = l.draw(r);
            assertTrue(d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofMillis(150)) <= 0, d.toString());
        }
        assertEquals("latency PT0.1S jitter PT0.05S", l.describe());
    }

    @Test
    void bandwidthTakesTheTimeTheBytesNeedAtItsRate() {
        assertEquals(Duration.ofMillis(1_500), Bandwidth.timeFor(150, 100));
        assertEquals(Duration.ofNanos(1_000), Bandwidth.timeFor(1, 1_000_000));
    }

    @Test
    void mistakesNameTheParameter() {
        assertEquals("action: 'jam' is not one of bandwidth, blackhole, close-after-bytes, corrupt, drop-request, drop-response, duplicate, "
                + "latency, reset", assertThrows(IllegalArgumentException.class, () -> NetworkAction.parse("jam", NONE)).getMessage());
        assertEquals("latency: required, e.g. PT2S", assertThrows(IllegalArgumentException.class, () -> NetworkAction.parse("latency", NONE)).getMessage());
        assertEquals("jitter: must not be negative", assertThrows(IllegalArgumentException.class,
                () -> NetworkAction.parse("latency", Map.of("latency", "PT1S", "jitter", "PT-1S"))).getMessage());
        assertEquals("target: 'pan' is not bitmap or mti", assertThrows(IllegalArgumentException.class,
                () -> NetworkAction.parse("corrupt", Map.of("target", "pan"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkAction.parse("bandwidth", Map.of("bytes-per-second", "0")));
        assertThrows(IllegalArgumentException.class, () -> NetworkAction.parse("close-after-bytes", NONE));
    }

    @Test
    void anExchangeAddsTheRequestAndResponseDelaysUntilAnAnswerIsLost() {
        FaultRegistry faults = new FaultRegistry(1);
        MessageFacts facts = new MessageFacts("0200", "000000", "T0000001", "M1", 100);
        Instant now = Instant.parse("2026-10-09T02:00:00Z");
        assertEquals(Exchange.UNCHANGED, faults.exchange(Link.ISSUER, facts, now, new SplittableRandom(1)));

        faults.addRule(new NetworkRule("F-1", Link.ISSUER, Direction.REQUEST, new Latency(Duration.ofMillis(300), Duration.ZERO), Match.ALL,
                Window.ALWAYS, 1));
        faults.addRule(new NetworkRule("F-2", Link.ISSUER, Direction.RESPONSE, new Latency(Duration.ofMillis(200), Duration.ZERO), Match.ALL,
                Window.ALWAYS, 1));
        faults.addRule(new NetworkRule("F-3", Link.TERMINAL, Direction.RESPONSE, new DropResponse(), Match.ALL, Window.ALWAYS, 1));
        assertEquals(new Exchange(Duration.ofMillis(500), false, "F-2"), faults.exchange(Link.ISSUER, facts, now, new SplittableRandom(1)));

        FaultRegistry lossy = new FaultRegistry(1);
        lossy.addRule(new NetworkRule("F-1", Link.ISSUER, Direction.REQUEST, new Latency(Duration.ofMillis(300), Duration.ZERO), Match.ALL,
                Window.ALWAYS, 1));
        lossy.addRule(new NetworkRule("F-2", Link.ISSUER, Direction.RESPONSE, new Corrupt("bitmap"), Match.ALL, Window.ALWAYS, 1));
        Exchange e = lossy.exchange(Link.ISSUER, facts, now, new SplittableRandom(1));
        assertTrue(e.lost());
        assertEquals("F-2", e.faultId());
        assertFalse(new FaultRegistry(1).bypassed());
        assertTrue(new FaultRegistry(1, true).bypassed());
    }

    /** Writes down which of the wire's operations an action used (the real wires are tested with their I/O). */
    private static final class Recorder implements Wire {
        final List<String> calls = new ArrayList<>();

        public void pass() { calls.add("pass"); }

        public void passAfter(Duration delay) { calls.add("passAfter " + delay); }

        public void passAtRate(long bytesPerSecond) { calls.add("passAtRate " + bytesPerSecond); }

        public void passTwice() { calls.add("passTwice"); }

        public void passFirstBytes(int bytes) { calls.add("passFirstBytes " + bytes); }

        public void passCorrupted(String target) { calls.add("passCorrupted " + target); }

        public void drop() { calls.add("drop"); }

        public void loseAnswer() { calls.add("loseAnswer"); }

        public void reset() { calls.add("reset"); }

        public void blackhole() { calls.add("blackhole"); }

        public RandomGenerator random() { return new SplittableRandom(1); }
    }
}
