package io.acqsim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupChannel;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.message.ResponseCode;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * What the fault tests share: rules added to a running host the way a scenario would add them, a
 * raw terminal connection that can tell a timeout from a close from a reset (jPOS's client channel
 * closes its socket on a read timeout), and one demo terminal's identity and requests.
 */
final class FaultRig {
    static final String PAN = "6222021234567890123";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private FaultRig() {
    }

    /** Adds a network rule as an activation of its own; returns its fault id. */
    static String addRule(TestHost host, Link link, Direction direction, NetworkAction action, Match match, Window window) {
        FaultRegistry f = host.services().faults();
        String id = f.nextId();
        f.add(new Fault(id, "network", window, Map.of("link", link.name().toLowerCase(), "action", action.name()), null), null);
        f.addRule(new NetworkRule(id, link, direction, action, match, window, f.seed()));
        return id;
    }

    static String addRule(TestHost host, Link link, Direction direction, NetworkAction action, Match match) {
        return addRule(host, link, direction, action, match, aroundNow());
    }

    /** Adds a host maintenance window; {@code answer} null refuses connections. */
    static String addMaintenance(TestHost host, String answer, Window window) {
        FaultRegistry f = host.services().faults();
        String id = f.nextId();
        f.add(new Fault(id, "host-maintenance", window, answer == null ? Map.of() : Map.of("answer", answer), null), null);
        f.addMaintenance(new FaultRegistry.Maintenance(id, window, ResponseCode.ofNullable(answer), "test"));
        return id;
    }

    /** From a minute ago for an hour: the rule is on now. */
    static Window aroundNow() {
        Instant now = Instant.now();
        return new Window(now.minusSeconds(60), now.plusSeconds(3600));
    }

    /** An hour from now: the rule is not on yet. */
    static Window later() {
        Instant now = Instant.now();
        return new Window(now.plusSeconds(3600), now.plusSeconds(7200));
    }

    /** Messages of terminal {@code tid}, of these MTIs (none: any). */
    static Match select(String tid, String... mti) {
        return new Match(List.of(mti), List.of(), List.of(tid), List.of(), null, null, 1.0, 0);
    }

    static ISOPackager packager(Profile p) {
        try {
            return Packagers.load(TestHost.PACKAGERS, p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration max, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) fail("timed out after " + max.toMillis() + " ms waiting for " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** Demo terminal n of the shipped registry on one profile: its requests, STANs, batch and ledger rows. */
    static final class Term {
        final TestHost host;
        final Profile profile;
        final int n;
        final String tid;
        final String mid;
        final RequestFactory rf;
        private final AtomicInteger stan = new AtomicInteger();
        int batch = 1;

        Term(TestHost host, Profile profile, int n) {
            this.host = host;
            this.profile = profile;
            this.n = n;
            this.tid = String.format("T%07d", n);
            this.mid = String.format("M%014d", (n - 1) % 10 + 1);
            this.rf = new RequestFactory(profile, tid, mid, Clock.systemUTC(), SHANGHAI);
        }

        String nextStan() {
            return String.format("%06d", stan.incrementAndGet());
        }

        RawLink connect() throws IOException {
            return new RawLink(host.port(profile), profile);
        }

        /** Signs on over {@code link} and adopts the host's batch. */
        void signOn(RawLink link) throws Exception {
            ISOMsg r = link.exchange(rf.signOn(nextStan(), batch), Duration.ofSeconds(5));
            assertNotNull(r, "sign-on answered");
            assertEquals("00", r.getString(39), "sign-on of " + tid);
            String f60 = r.getString(60);
            batch = Integer.parseInt(profile == Profile.CUP ? f60.substring(2, 8) : f60);
        }

        ISOMsg purchase(long amount) throws ISOException {
            return rf.cardPurchase(nextStan(), batch, amount, PAN, "2912", "051");
        }

        ISOMsg echo() throws ISOException {
            return rf.echo(nextStan(), batch);
        }

        Optional<TransactionRecord> recordOf(ISOMsg request) {
            String key = profile == Profile.ISO87A ? request.getString(7) : request.getString(60).substring(2, 8);
            return host.services().ledger().byRequest(tid, request.getString(11), key);
        }

        /** Waits until the request's ledger row has {@code status}. */
        TransactionRecord awaitStatus(ISOMsg request, TransactionStatus status) {
            await("STAN " + request.getString(11) + " of " + tid + " " + status, Duration.ofSeconds(10),
                    () -> recordOf(request).map(r -> r.status() == status).orElse(false));
            return recordOf(request).orElseThrow();
        }

        /** An emulated terminal for this TID that gives up after {@code timeout}. */
        EmulatedTerminal emulated(Duration timeout) {
            return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(profile), profile, TestHost.PACKAGERS, timeout),
                    rf, TerminalState.inMemory());
        }
    }

    /**
     * One terminal connection on a plain socket, framed as the profile frames (the client channels'
     * own {@link TerminalChannel#frame}), read by hand: a read timeout leaves it open, an orderly close
     * is an EOFException, a reset a SocketException.
     */
    static final class RawLink implements AutoCloseable {
        final Socket socket;
        final Profile profile;
        private final ISOPackager packager;
        private final TerminalChannel framer;
        private final DataInputStream in;
        private final OutputStream out;

        RawLink(int port, Profile profile) throws IOException {
            this.profile = profile;
            this.packager = packager(profile);
            this.framer = profile == Profile.CUP ? new CupChannel("127.0.0.1", port, packager) : new TerminalChannel("127.0.0.1", port, packager);
            this.socket = new Socket("127.0.0.1", port);
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        void send(ISOMsg m) throws IOException, ISOException {
            out.write(framer.frame((ISOMsg) m.clone(), b -> b));
            out.flush();
        }

        /** The next frame's message bytes (after length and header), or null when none came within {@code max}. */
        byte[] receiveBody(Duration max) throws IOException {
            socket.setSoTimeout((int) max.toMillis());
            int len;
            try {
                len = in.readUnsignedShort();
            } catch (SocketTimeoutException e) {
                return null;
            }
            socket.setSoTimeout(5_000);
            byte[] frame = new byte[len];
            in.readFully(frame);
            int header = profile == Profile.CUP ? CupHeader.LENGTH : 0;
            return Arrays.copyOfRange(frame, header, frame.length);
        }

        ISOMsg unpack(byte[] body) throws ISOException {
            ISOMsg m = new ISOMsg();
            m.setPackager(packager);
            m.unpack(body);
            return m;
        }

        /** The next message, or null when none came within {@code max}. */
        ISOMsg receive(Duration max) throws IOException, ISOException {
            byte[] body = receiveBody(max);
            return body == null ? null : unpack(body);
        }

        ISOMsg exchange(ISOMsg m, Duration max) throws IOException, ISOException {
            send(m);
            return receive(max);
        }

        /** Every byte until the host closes the connection (within {@code max}). */
        byte[] readToEnd(Duration max) throws IOException {
            socket.setSoTimeout((int) max.toMillis());
            return in.readAllBytes();
        }

        /** Whether the host closed (or reset) the connection, waiting up to {@code max} for it. */
        boolean closedByHost(Duration max) throws IOException {
            socket.setSoTimeout((int) max.toMillis());
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
