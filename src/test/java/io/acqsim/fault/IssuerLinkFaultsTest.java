package io.acqsim.fault;

import static io.acqsim.fault.FaultRig.addRule;
import static io.acqsim.fault.FaultRig.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.fault.FaultRig.RawLink;
import io.acqsim.fault.FaultRig.Term;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionStatus;

/**
 * Faults on the host ↔ issuer link (EmulateIssuer). TestHost's issuer timeout is 1.5 s: an issuer that
 * never answers is answered 91 by the host after it.
 */
class IssuerLinkFaultsTest extends FaultHostTest {
    private static final Duration ANSWER = Duration.ofSeconds(10);

    static Stream<Arguments> lostAnswers() {
        return Stream.of(
                Arguments.of(10, Profile.ISO87A, Direction.REQUEST, new DropRequest()),
                Arguments.of(12, Profile.CUP, Direction.RESPONSE, new DropResponse()),
                Arguments.of(14, Profile.ISO87A, Direction.REQUEST, new Blackhole()),
                Arguments.of(16, Profile.CUP, Direction.REQUEST, new Reset()),
                Arguments.of(18, Profile.ISO87A, Direction.RESPONSE, new Corrupt("bitmap")));
    }

    @ParameterizedTest
    @MethodSource("lostAnswers")
    void anIssuerThatNeverAnswersIs91AfterTheTimeout(int n, Profile p, Direction d, NetworkAction action) throws Exception {
        Term t = new Term(host, p, n);
        Term other = new Term(host, p, n + 1);
        try (RawLink link = t.connect(); RawLink otherLink = other.connect()) {
            t.signOn(link);
            other.signOn(otherLink);
            addRule(host, Link.ISSUER, d, action, select(t.tid));

            long t0 = System.nanoTime();
            assertEquals("00", otherLink.exchange(other.purchase(1_000), ANSWER).getString(39), "another terminal's sale");
            assertTrue(ms(t0) < 1_000, "is answered by the issuer at once: " + ms(t0) + " ms");

            t0 = System.nanoTime();
            ISOMsg sale = t.purchase(1_000);
            ISOMsg r = link.exchange(sale, ANSWER);
            long waited = ms(t0);
            assertEquals("91", r.getString(39), action.name() + " on the issuer link");
            assertTrue(waited >= 1_500 && waited < 4_000, "after the 1.5 s issuer timeout: " + waited + " ms");
            assertEquals(TransactionStatus.DECLINED, t.recordOf(sale).orElseThrow().status());
        }
    }

    @Test
    void latencyAddsToTheIssuersOwnAndCanPushPastTheTimeout() throws Exception {
        Term t = new Term(host, Profile.ISO87A, 41);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            String slow = addRule(host, Link.ISSUER, Direction.RESPONSE, new Latency(Duration.ofMillis(600), Duration.ZERO),
                    select(t.tid));
            long t0 = System.nanoTime();
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39));
            assertTrue(ms(t0) >= 600, "600 ms slower: " + ms(t0) + " ms");
            host.services().faults().remove(slow);

            addRule(host, Link.ISSUER, Direction.REQUEST, new Latency(Duration.ofSeconds(2), Duration.ZERO), select(t.tid));
            t0 = System.nanoTime();
            assertEquals("91", link.exchange(t.purchase(1_000), ANSWER).getString(39), "2 s is past the 1.5 s issuer timeout");
            long waited = ms(t0);
            assertTrue(waited >= 1_500 && waited < 2_000, "the host gave up at its timeout, not after the 2 s: " + waited + " ms");
        }
    }

    @Test
    void duplicateIsHarmless() throws Exception {
        Term t = new Term(host, Profile.CUP, 51);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.ISSUER, Direction.REQUEST, new Duplicate(), select(t.tid));
            addRule(host, Link.ISSUER, Direction.RESPONSE, new Duplicate(), select(t.tid));
            ISOMsg sale = t.purchase(1_000);
            assertEquals("00", link.exchange(sale, ANSWER).getString(39));
            assertEquals(TransactionStatus.APPROVED, t.recordOf(sale).orElseThrow().status());
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
