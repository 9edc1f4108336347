package io.acqsim.host.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.junit.jupiter.api.Test;

import io.acqsim.fault.Blackhole;
import io.acqsim.fault.Corrupt;
import io.acqsim.fault.Direction;
import io.acqsim.fault.DropRequest;
import io.acqsim.fault.DropResponse;
import io.acqsim.fault.Duplicate;
import io.acqsim.fault.FaultRegistry;
import io.acqsim.fault.Latency;
import io.acqsim.fault.Link;
import io.acqsim.fault.Match;
import io.acqsim.fault.NetworkAction;
import io.acqsim.fault.NetworkRule;
import io.acqsim.fault.Window;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalMessage;
import io.acqsim.terminal.RequestFactory;

/**
 * The host's terminal-link faults without Q2 or sockets: real packed requests from a terminal's
 * request factory, handed to {@link TerminalLinkFaults} as the listener hands them, and what reaches
 * the TransactionManager's queue or the connection.
 */
class TerminalLinkFaultsTest {
    private final List<Queued> queued = new CopyOnWriteArrayList<>();
    private final Connection terminal = new Connection();

    private record Queued(ISOSource source, ISOMsg request) {
    }

    /** A terminal connection that keeps what the host sends on it. */
    private static final class Connection implements ISOSource {
        final List<ISOMsg> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(ISOMsg m) {
            sent.add(m);
        }

        @Override
        public boolean isConnected() {
            return true;
        }
    }

    private static ISOMsg purchase() throws Exception {
        RequestFactory rf = new RequestFactory(Profile.ISO87A, "T0000001", "M00000000000001", Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
        ISOMsg m = rf.cardPurchase("000001", 1, 1234, "6222021234567890123", "2912", "051");
        m.setPackager(Packagers.load(TestHost.PACKAGERS, Profile.ISO87A));
        return m;
    }

    private static TerminalLinkFaults faults(Direction d, NetworkAction a) {
        return faults(new FaultRegistry(1), d, a);
    }

    private static TerminalLinkFaults faults(FaultRegistry registry, Direction d, NetworkAction a) {
        registry.addRule(new NetworkRule("F-1", Link.TERMINAL, d, a, Match.ALL, Window.ALWAYS, 1));
        return new TerminalLinkFaults(registry, Clock.systemUTC());
    }

    private void request(TerminalLinkFaults links, ISOSource source, ISOMsg m) {
        links.request(source, m, (s, r) -> queued.add(new Queued(s, r)));
    }

    @Test
    void withNoRuleTheRequestIsQueuedAndTheResponseSent() throws Exception {
        TerminalLinkFaults links = new TerminalLinkFaults(new FaultRegistry(1), Clock.systemUTC());
        ISOMsg m = purchase();
        request(links, terminal, m);
        assertEquals(List.of(new Queued(terminal, m)), queued);
        links.respond(terminal, m, m);
        assertEquals(List.of(m), terminal.sent);
    }

    @Test
    void dropRequestQueuesNothing() throws Exception {
        request(faults(Direction.REQUEST, new DropRequest()), terminal, purchase());
        assertEquals(List.of(), queued);
    }

    @Test
    void duplicateQueuesTheRequestAndACopy() throws Exception {
        ISOMsg m = purchase();
        request(faults(Direction.REQUEST, new Duplicate()), terminal, m);
        assertEquals(2, queued.size());
        assertSame(m, queued.get(0).request());
        assertNotSame(m, queued.get(1).request());
        assertEquals(m.getString(11), queued.get(1).request().getString(11));
    }

    @Test
    void dropResponseOnARequestQueuesItWithAConnectionThatAnswersNowhere() throws Exception {
        ISOMsg m = purchase();
        request(faults(Direction.REQUEST, new DropResponse()), terminal, m);
        assertEquals(1, queued.size());
        queued.getFirst().source().send(m);
        assertTrue(queued.getFirst().source().isConnected());
        assertEquals(List.of(), terminal.sent);
    }

    @Test
    void aCorruptBitmapReachesTheHostAsAFormatError() throws Exception {
        request(faults(Direction.REQUEST, new Corrupt("bitmap")), terminal, purchase());
        TerminalMessage got = assertInstanceOf(TerminalMessage.class, queued.getFirst().request());
        assertEquals("0200", got.getMTI());
        assertEquals("primary bitmap corrupted by fault F-1", got.formatError());
        assertEquals(0, got.getMaxField(), "only the MTI could be read");
    }

    @Test
    void latencyQueuesLater() throws Exception {
        request(faults(Direction.REQUEST, new Latency(Duration.ofMillis(200), Duration.ZERO)), terminal, purchase());
        assertEquals(List.of(), queued, "not yet");
        awaitQueued(1);
    }

    @Test
    void blackholeMakesTheConnectionDeafBothWays() throws Exception {
        TerminalLinkFaults links = faults(Direction.REQUEST, new Blackhole());
        ISOMsg m = purchase();
        request(links, terminal, m);
        assertEquals(List.of(), queued);
        links.respond(terminal, m, m);
        assertEquals(List.of(), terminal.sent, "a deaf connection gets no answer");

        TerminalLinkFaults other = new TerminalLinkFaults(new FaultRegistry(1), Clock.systemUTC());
        request(other, terminal, m);
        assertEquals(1, queued.size(), "deafness belongs to the host that caused it, not to every host");
    }

    @Test
    void responseSideDuplicateAndDrop() throws Exception {
        ISOMsg m = purchase();
        faults(Direction.RESPONSE, new Duplicate()).respond(terminal, m, m);
        assertEquals(List.of(m, m), terminal.sent);
        Connection other = new Connection();
        faults(Direction.RESPONSE, new DropResponse()).respond(other, m, m);
        assertEquals(List.of(), other.sent);
    }

    @Test
    void aBypassedRegistryIsNotConsulted() throws Exception {
        TerminalLinkFaults links = faults(new FaultRegistry(1, true), Direction.REQUEST, new DropRequest());
        request(links, terminal, purchase());
        assertEquals(1, queued.size());
    }

    private void awaitQueued(int n) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (queued.size() < n) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + n + " queued");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
