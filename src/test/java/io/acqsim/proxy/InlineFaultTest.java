package io.acqsim.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.acqsim.fault.Direction;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Link;
import io.acqsim.fault.Bandwidth;
import io.acqsim.fault.Latency;
import io.acqsim.fault.NetworkRule;

class InlineFaultTest {

    @Test
    void parsesActionSelectorsAndWindow() {
        NetworkRule r = InlineFault.parse("latency,latency=PT2S,jitter=PT100MS,direction=response,tid=T0000001|T0000002,mti=0200|0400,"
                + "min-amount=100,max-amount=5000,probability=0.25,first=3,from=2026-10-09T10:00+08:00,to=2026-10-09T10:30+08:00", "F-1", 1, true);
        assertEquals(new Latency(Duration.ofSeconds(2), Duration.ofMillis(100)), r.action());
        assertEquals(Link.TERMINAL, r.link());
        assertEquals(Direction.RESPONSE, r.direction());
        assertEquals(List.of("0200", "0400"), r.match().mti());
        assertEquals(List.of("T0000001", "T0000002"), r.match().tid());
        assertEquals(100L, r.match().minAmount());
        assertEquals(5000L, r.match().maxAmount());
        assertEquals(0.25, r.match().probability());
        assertEquals(3, r.match().firstN());
        assertEquals(Instant.parse("2026-10-09T02:00:00Z"), r.window().from());
        assertEquals(Instant.parse("2026-10-09T02:30:00Z"), r.window().to());
    }

    @Test
    void durationsTakeMillisecondsAndShortForms() {
        assertEquals(new Latency(Duration.ofMillis(1500), Duration.ofMillis(100)),
                InlineFault.parse("latency,latency=1500ms,jitter=PT100MS", "F-1", 1, false).action());
        assertEquals(new Latency(Duration.ofSeconds(35), Duration.ZERO), InlineFault.parse("latency,latency=35s", "F-1", 1, false).action());
    }

    @Test
    void defaultsToTheActionsDirectionEveryMessageAlways() {
        NetworkRule r = InlineFault.parse("bandwidth,bytes-per-second=1000", "F-1", 1, false);
        assertEquals(new Bandwidth(1000), r.action());
        assertEquals(Direction.RESPONSE, r.direction());
        assertEquals(1.0, r.match().probability());
        assertEquals(0, r.match().firstN());
        assertNull(r.window().from());
        assertEquals(Direction.REQUEST, InlineFault.parse("drop-request", "F-2", 1, false).direction());
    }

    @Test
    void addRecordsTheFaultInTheRegistry() {
        FaultRegistry reg = new FaultRegistry(5);
        NetworkRule r = InlineFault.add(reg, "drop-response,mti=0200,probability=0.1", true);
        assertEquals("F-1", r.faultId());
        assertEquals(List.of(r), reg.rules());
        assertEquals("network", reg.get("F-1").orElseThrow().type());
        assertEquals("0200", reg.get("F-1").orElseThrow().spec().get("mti"));
        assertEquals("F-1  drop-response  on responses  mti 0200  probability 0.1", InlineFault.describe(r));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "\"\";                                      empty",
            "mti=0200;                                the first item must be the action",
            "explode;                                 action: 'explode' is not one of",
            "drop-response,color=red;                 color: unknown key",
            "drop-response,mti;                       'mti' is not KEY=VALUE",
            "drop-response,mti=;                      mti: no value",
            "drop-response,mti=0200,mti=0400;         mti: given twice",
            "drop-response,mti=02x0;                  mti: '02x0' is not a 4-digit MTI",
            "drop-response,mti=0200|;                 mti: '0200|' has an empty value",
            "drop-response,processing-code=12;        processing-code: '12' is not 6 digits",
            "drop-response,min-amount=12.34;          min-amount: '12.34' is not a whole amount in minor units",
            "drop-response,min-amount=500,max-amount=100; amount range: max 100 is below min 500",
            "drop-response,probability=0;             probability: '0' is not a number in (0, 1]",
            "drop-response,probability=lots;          probability: 'lots' is not a number in (0, 1]",
            "drop-response,first=0;                   first: '0' is not a whole number of 1 or more",
            "drop-response,direction=sideways;        direction: 'sideways' is not request or response",
            "drop-response,direction=request;         direction: drop-response acts on responses",
            "drop-request,direction=response;         direction: drop-request acts on requests",
            "drop-response,from=yesterday;            from: 'yesterday' is not an ISO-8601 instant with offset",
            "drop-response,from=2026-10-09T10:00+08:00,to=2026-10-09T09:00+08:00; to: 2026-10-09T01:00:00Z is not after from",
            "latency;                                 latency: required",
            "latency,latency=soon;                    latency: 'soon' is not an ISO-8601 duration",
            "latency,latency=PT1S,bytes=3;            bytes: not a parameter of latency (its parameters: latency, jitter)",
            "reset,jitter=PT1S;                       jitter: not a parameter of reset (it takes none)",
            "close-after-bytes;                       bytes: required",
            "close-after-bytes,bytes=-1;              bytes: '-1' must be a whole number",
            "corrupt,target=pan;                      target: 'pan' is not bitmap or mti",
            "bandwidth,bytes-per-second=0;            bytes-per-second: '0' must be a whole number from 1",
    })
    void badSpecsNameTheKey(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InlineFault.parse(spec, "F-1", 1, true));
        assertTrue(e.getMessage().startsWith("--fault '" + spec + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(expected.strip()), "'" + e.getMessage() + "' should say: " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "drop-response,mti=0200;        mti: needs --profile cup|iso87a; without a profile the proxy sees bytes, not messages",
            "latency,latency=PT1S,tid=T1;   tid: needs --profile",
            "reset,max-amount=100;          max-amount: needs --profile",
            "corrupt,target=bitmap;         target: needs --profile cup|iso87a; in byte mode corrupt flips the bits of one random byte",
    })
    void selectorsNeedAProfile(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InlineFault.parse(spec, "F-1", 1, false));
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
    }

    @Test
    void byteModeTakesProbabilityFirstDirectionAndWindow() {
        NetworkRule r = InlineFault.parse("corrupt,probability=0.5,first=2,direction=request,from=2026-01-01T00:00Z", "F-1", 1, false);
        assertEquals(Direction.REQUEST, r.direction());
        assertEquals(2, r.match().firstN());
    }
}
