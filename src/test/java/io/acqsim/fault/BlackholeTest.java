package io.acqsim.fault;

import static io.acqsim.fault.FaultRig.addRule;
import static io.acqsim.fault.FaultRig.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.fault.FaultRig.RawLink;
import io.acqsim.fault.FaultRig.Term;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionStatus;

/**
 * Blackhole (half-open) on the terminal link, request and response side: no answer, the connection
 * stays open and deaf. The host here closes idle connections after 2 s, so a blackholed connection can
 * be seen to outlive that while an ordinary idle one does not.
 */
class BlackholeTest {
    private static final Duration NO_ANSWER = Duration.ofMillis(700);
    private static final Duration ANSWER = Duration.ofSeconds(5);
    private static TestHost host;

    @BeforeAll
    static void start() {
        host = TestHost.start(TestHost.tempData(), Map.of("host.idle-timeout", "PT2S"));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @AfterEach
    void clearFaults() {
        host.services().faults().clear();
    }

    private static Term term(Profile p, int base) {
        return new Term(host, p, base + p.ordinal());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void blackholeLeavesTheConnectionOpenAndDeaf(Profile p) throws Exception {
        Term t = term(p, 10);
        try (RawLink link = t.connect(); RawLink idle = t.connect()) {
            t.signOn(link);
            String id = addRule(host, Link.TERMINAL, Direction.REQUEST, new Blackhole(), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            assertNull(link.exchange(sale, NO_ANSWER), "no answer");
            assertNull(link.exchange(t.echo(), NO_ANSWER), "deaf from then on, even to messages the rule does not select");
            assertTrue(t.recordOf(sale).isEmpty());
            host.services().faults().remove(id);
            assertTrue(idle.closedByHost(Duration.ofSeconds(5)), "an ordinary idle connection is closed after the 2 s idle timeout");
            assertFalse(link.closedByHost(Duration.ofSeconds(2)), "the blackholed one outlives the idle timeout: half-open, never closed");
            assertNull(link.exchange(t.echo(), NO_ANSWER), "still deaf after the fault was removed: the connection stays broken");
        }
        try (RawLink fresh = t.connect()) {
            assertEquals("00", fresh.exchange(t.purchase(1_000), ANSWER).getString(39), "a new connection is answered");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void blackholedAnswerLeavesTheConnectionOpenAndDeaf(Profile p) throws Exception {
        Term t = term(p, 20);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.RESPONSE, new Blackhole(), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            assertNull(link.exchange(sale, NO_ANSWER));
            t.awaitStatus(sale, TransactionStatus.APPROVED);
            ISOMsg echo = t.echo();
            assertNull(link.exchange(echo, NO_ANSWER), "deaf to everything from then on");
            assertFalse(link.closedByHost(Duration.ofSeconds(3)), "and never closed, not even by the 2 s idle timeout");
        }
        try (RawLink fresh = t.connect()) {
            assertEquals("00", fresh.exchange(t.echo(), ANSWER).getString(39), "a new connection is answered");
        }
    }
}
