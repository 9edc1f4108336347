package io.acqsim.fault;

import static io.acqsim.fault.FaultRig.addRule;
import static io.acqsim.fault.FaultRig.select;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketException;
import java.time.Duration;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.fault.FaultRig.RawLink;
import io.acqsim.fault.FaultRig.Term;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;

/**
 * Terminal-link faults on requests, inside the host (TerminalRequestListener), on real sockets and both
 * profiles: each action on the messages it selects, and the same host answering normally for another
 * MTI, another terminal, outside the window, or once the fault is removed. Blackholes: BlackholeTest.
 */
class TerminalRequestFaultsTest extends FaultHostTest {
    private static final Duration NO_ANSWER = Duration.ofMillis(700);
    private static final Duration ANSWER = Duration.ofSeconds(5);
    @ParameterizedTest
    @EnumSource(Profile.class)
    void dropRequestSwallowsTheSelectedRequestOnly(Profile p) throws Exception {
        Term t = term(p, 10);
        Term other = term(p, 12);
        try (RawLink link = t.connect(); RawLink otherLink = other.connect()) {
            t.signOn(link);
            other.signOn(otherLink);
            String id = addRule(host, Link.TERMINAL, Direction.REQUEST, new DropRequest(), select(t.tid, "0200"));

            ISOMsg sale = t.purchase(1_000);
            assertNull(link.exchange(sale, NO_ANSWER), "the selected 0200 is never answered");
            assertEquals("00", link.exchange(t.echo(), ANSWER).getString(39), "another MTI on the same connection is answered");
            assertEquals("00", otherLink.exchange(other.purchase(1_000), ANSWER).getString(39), "another terminal is answered");
            assertTrue(t.recordOf(sale).isEmpty(), "a dropped request never reached the host");

            assertTrue(host.services().faults().remove(id));
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39), "answered once the fault is removed");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void resetClosesTheConnectionWithRst(Profile p) throws Exception {
        Term t = term(p, 20);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.REQUEST, new Reset(), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            SocketException e = assertThrows(SocketException.class, () -> link.receive(ANSWER));
            assertTrue(e.getMessage().toLowerCase().contains("reset"), "a TCP reset, not an orderly close: " + e.getMessage());
            assertTrue(t.recordOf(sale).isEmpty());
        }
        host.services().faults().clear();
        addRule(host, Link.TERMINAL, Direction.REQUEST, new Reset(), select(t.tid, "0200"), FaultRig.later());
        try (RawLink link = t.connect()) {
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39), "outside its window the rule does nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void duplicateRequestIsARetransmissionAnsweredTwice(Profile p) throws Exception {
        Term t = term(p, 40);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.REQUEST, new Duplicate(), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            byte[] first = link.receiveBody(ANSWER);
            byte[] second = link.receiveBody(ANSWER);
            assertNotNull(first);
            assertNotNull(second, "the host answered the retransmission too");
            assertArrayEquals(first, second, "with the original's answer");
            assertEquals("00", link.unpack(first).getString(39));
            assertEquals(1, host.services().ledger().transactions().stream().filter(r -> r.tid().equals(t.tid)).count(), "recorded once");
            assertEquals("00", link.exchange(t.echo(), ANSWER).getString(39));
            assertNull(link.receive(Duration.ofMillis(300)), "an echo is not duplicated");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void latencyDelaysOnlyTheSelectedRequest(Profile p) throws Exception {
        Term t = term(p, 50);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.REQUEST, new Latency(Duration.ofMillis(800), Duration.ofMillis(100)),
                    select(t.tid, "0200"));
            long t0 = System.nanoTime();
            ISOMsg r = link.exchange(t.purchase(1_000), ANSWER);
            long slow = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("00", r.getString(39));
            assertTrue(slow >= 800, "queued after 800-900 ms, answered after " + slow + " ms");
            t0 = System.nanoTime();
            assertEquals("00", link.exchange(t.echo(), ANSWER).getString(39));
            long fast = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(fast < 700, "an echo is not delayed: " + fast + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void bandwidthDelaysByTheFrameSize(Profile p) throws Exception {
        Term t = term(p, 60);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.REQUEST, new Bandwidth(100), select(t.tid, "0200"));
            long t0 = System.nanoTime();
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 500, "a purchase frame of 60+ bytes at 100 B/s takes over half a second: " + ms + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void corruptBitmapIsAFormatErrorCorruptMtiClosesTheConnection(Profile p) throws Exception {
        Term t = term(p, 70);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            String id = addRule(host, Link.TERMINAL, Direction.REQUEST, new Corrupt("bitmap"), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            ISOMsg r = link.exchange(sale, ANSWER);
            assertEquals("0210", r.getString(0));
            assertEquals("30", r.getString(39), "the host could not read the fields: format error");
            assertTrue(t.recordOf(sale).isEmpty());
            host.services().faults().remove(id);
            addRule(host, Link.TERMINAL, Direction.REQUEST, new Corrupt("mti"), select(t.tid, "0200"));
            link.send(t.purchase(1_000));
            assertTrue(link.closedByHost(ANSWER), "an unreadable MTI closes the connection");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void closeAfterBytesCutsTheRequest(Profile p) throws Exception {
        Term t = term(p, 80);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.REQUEST, new CloseAfterBytes(10), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            assertTrue(link.closedByHost(ANSWER), "the connection ends");
            assertTrue(t.recordOf(sale).isEmpty(), "a partial request is not processed");
        }
        host.services().faults().clear();
        addRule(host, Link.TERMINAL, Direction.REQUEST, new CloseAfterBytes(10_000), select(t.tid, "0200"));
        try (RawLink link = t.connect()) {
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            assertTrue(link.closedByHost(ANSWER), "the whole request got through, then the connection ended");
            TransactionRecord rec = t.awaitStatus(sale, TransactionStatus.APPROVED);
            assertEquals(1_000, rec.amount(), "processed and recorded, its answer lost");
        }
    }
}
