package io.acqsim.fault;

import static io.acqsim.fault.FaultRig.addRule;
import static io.acqsim.fault.FaultRig.select;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketException;
import java.time.Duration;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.fault.FaultRig.RawLink;
import io.acqsim.fault.FaultRig.Term;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalMessage;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.BatchTotals;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.TerminalLink;

/**
 * Terminal-link faults on responses, inside the host (SendResponseThroughFaults), on real sockets and
 * both profiles. The request is processed and recorded in every case; what the terminal sees of the
 * answer is the fault's. Blackholes: BlackholeTest.
 */
class TerminalResponseFaultsTest extends FaultHostTest {
    private static final Duration TERMINAL_TIMEOUT = Duration.ofMillis(700);
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** The sale's answer is lost: the terminal times out, reverses, and the sale never settles. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void dropResponseMakesTheTerminalReverseAndTheSaleDoesNotSettle(Profile p) throws Exception {
        Term t = term(p, 110);
        String id = addRule(host, Link.TERMINAL, Direction.RESPONSE, new DropResponse(), select(t.tid, "0200"));
        try (EmulatedTerminal terminal = t.emulated(TERMINAL_TIMEOUT)) {
            assertEquals("00", terminal.signOn().responseCode(), "the 0810 is not selected");
            EmulatedTerminal.Exchange sale = terminal.cardPurchase(2_000, FaultRig.PAN, "2912", "051");
            assertNull(sale.response(), "the 0210 was dropped");
            assertNotNull(sale.reversal(), "the terminal reversed");
            assertEquals("00", sale.reversal().responseCode());
            TransactionRecord rec = t.awaitStatus(sale.request(), TransactionStatus.REVERSED);
            assertEquals(BatchTotals.ZERO, host.services().ledger().batchTotals(t.tid, rec.batchNumber()), "out of the settlement totals");

            host.services().faults().remove(id);
            EmulatedTerminal.Exchange next = terminal.cardPurchase(3_000, FaultRig.PAN, "2912", "051");
            assertEquals("00", next.responseCode(), "answered once the fault is removed");
            assertEquals(new BatchTotals(1, 3_000, 0, 0), host.services().ledger().batchTotals(t.tid, rec.batchNumber()));
            List<EmulatedTerminal.Exchange> settle = terminal.settle();
            assertEquals("00", settle.get(settle.size() - 1).responseCode(), "terminal and host agree: only the second sale settles");
        }
    }

    /** The 0210 leaves the host after the terminal gave up: it reversed, and the late answer changes nothing. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void aLateAnswerAfterTheTerminalReversed(Profile p) throws Exception {
        Term t = term(p, 120);
        addRule(host, Link.TERMINAL, Direction.RESPONSE, new Latency(Duration.ofMillis(1_500), Duration.ZERO),
                select(t.tid, "0200"));
        try (EmulatedTerminal terminal = t.emulated(TERMINAL_TIMEOUT)) {
            terminal.signOn();
            EmulatedTerminal.Exchange sale = terminal.cardPurchase(2_000, FaultRig.PAN, "2912", "051");
            assertNull(sale.response());
            assertEquals("00", sale.reversal().responseCode());
            t.awaitStatus(sale.request(), TransactionStatus.REVERSED);
        }

        // the same on one connection that stays open: the late 0210 arrives after the 0410 and matches
        // nothing the terminal is waiting for
        Term u = term(p, 122);
        addRule(host, Link.TERMINAL, Direction.RESPONSE, new Latency(Duration.ofMillis(1_500), Duration.ZERO),
                select(u.tid, "0200"));
        try (RawLink link = u.connect()) {
            u.signOn(link);
            ISOMsg sale = u.purchase(2_000);
            assertNull(link.exchange(sale, TERMINAL_TIMEOUT), "nothing within the terminal's timeout");
            ISOMsg reversal = u.rf.reversal(sale, false);
            ISOMsg r410 = link.exchange(reversal, ANSWER);
            assertEquals("0410", r410.getString(0), "the reversal is answered first");
            assertEquals("00", r410.getString(39));
            ISOMsg late = link.receive(ANSWER);
            assertNotNull(late, "then the late answer arrives");
            assertEquals("0210", late.getString(0));
            assertEquals(sale.getString(11), late.getString(11));
            assertEquals("00", late.getString(39), "it says approved ...");
            assertEquals(TransactionStatus.REVERSED, u.awaitStatus(sale, TransactionStatus.REVERSED).status(), "... but the sale stays reversed");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void latencyWithinTheTimeoutDelaysOnlyTheSelectedAnswer(Profile p) throws Exception {
        Term t = term(p, 130);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.RESPONSE, new Latency(Duration.ofMillis(400), Duration.ofMillis(100)),
                    select(t.tid, "0210"));
            long t0 = System.nanoTime();
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39));
            long slow = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(slow >= 400, "answered after 400-500 ms: " + slow + " ms");
            t0 = System.nanoTime();
            assertEquals("00", link.exchange(t.echo(), ANSWER).getString(39));
            long fast = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(fast < 400, "the 0810 is not delayed: " + fast + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void duplicateSendsTwoIdenticalAnswers(Profile p) throws Exception {
        Term t = term(p, 140);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.RESPONSE, new Duplicate(), select(t.tid, "0200"));
            link.send(t.purchase(1_000));
            byte[] first = link.receiveBody(ANSWER);
            byte[] second = link.receiveBody(ANSWER);
            assertNotNull(second, "a second answer");
            assertArrayEquals(first, second, "identical to the first");
            assertEquals("00", link.unpack(first).getString(39));
            assertEquals(1, host.services().ledger().transactions().stream().filter(r -> r.tid().equals(t.tid)).count(), "one sale");
            assertEquals("00", link.exchange(t.echo(), ANSWER).getString(39));
            assertNull(link.receive(Duration.ofMillis(300)), "the 0810 comes once");
        }
    }

    /** Every bit of the primary bitmap inverted: restore it and the answer is whole again. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void corruptBitmapReachesTheTerminalUnreadable(Profile p) throws Exception {
        Term t = term(p, 150);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.RESPONSE, new Corrupt("bitmap"), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            byte[] body = link.receiveBody(ANSWER);
            assertNotNull(body);
            int mti = p == Profile.CUP ? 2 : 4;
            int bitmap = p == Profile.CUP ? 8 : 16;
            ISOMsg asSent = null;
            try {
                asSent = link.unpack(body);
            } catch (ISOException | RuntimeException unreadable) {
                // the usual outcome
            }
            if (asSent != null) assertNotEquals(sale.getString(11), asSent.getString(11), "if it unpacks at all, it is not the answer");
            byte[] restored = body.clone();
            for (int i = mti; i < mti + bitmap; i++) restored[i] ^= (byte) 0xFF;
            ISOMsg answer = link.unpack(restored);
            assertEquals("0210", answer.getString(0));
            assertEquals(sale.getString(11), answer.getString(11));
            assertEquals("00", answer.getString(39), "the sale was approved and recorded");
            t.awaitStatus(sale, TransactionStatus.APPROVED);
        }
        try (TerminalLink terminal = new TerminalLink("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, ANSWER)) {
            ISOMsg sale = t.purchase(1_000);
            ISOMsg r = terminal.exchange(sale);
            assertTrue(r instanceof TerminalMessage tm && tm.hasFormatError() || !sale.getString(11).equals(r.getString(11)),
                    "the terminal's channel cannot read it");
        }
        host.services().faults().clear();
        try (RawLink fresh = t.connect()) {
            assertEquals("00", fresh.exchange(t.purchase(1_000), ANSWER).getString(39), "the next request on a new connection is fine");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void corruptMtiMakesTheFrameUnreadable(Profile p) throws Exception {
        Term t = term(p, 160);
        addRule(host, Link.TERMINAL, Direction.RESPONSE, new Corrupt("mti"), select(t.tid, "0200"));
        try (RawLink link = t.connect()) {
            t.signOn(link);
        }
        try (TerminalLink terminal = new TerminalLink("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, ANSWER)) {
            ISOMsg sale = t.purchase(1_000);
            assertThrows(ISOException.class, () -> terminal.exchange(sale), "the terminal's channel cannot read the MTI");
            t.awaitStatus(sale, TransactionStatus.APPROVED);
        }
        host.services().faults().clear();
        try (RawLink fresh = t.connect()) {
            assertEquals("00", fresh.exchange(t.purchase(1_000), ANSWER).getString(39));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void resetAfterProcessing(Profile p) throws Exception {
        Term t = term(p, 170);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.RESPONSE, new Reset(), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            SocketException e = assertThrows(SocketException.class, () -> link.receive(ANSWER));
            assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
            t.awaitStatus(sale, TransactionStatus.APPROVED);
        }
        try (RawLink fresh = t.connect()) {
            assertEquals("00", fresh.exchange(t.echo(), ANSWER).getString(39), "an echo is not selected");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void closeAfterBytesSendsPartOfTheFrame(Profile p) throws Exception {
        Term t = term(p, 180);
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addRule(host, Link.TERMINAL, Direction.RESPONSE, new CloseAfterBytes(7), select(t.tid, "0200"));
            ISOMsg sale = t.purchase(1_000);
            link.send(sale);
            assertEquals(7, link.readToEnd(ANSWER).length, "7 bytes of the frame, then the host closed");
            t.awaitStatus(sale, TransactionStatus.APPROVED);
        }
    }

}
