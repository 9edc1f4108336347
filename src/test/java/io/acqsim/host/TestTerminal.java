package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.Profile;
import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * One demo terminal of the shipped registry (PRODUCT.md §4.3) talking to a {@link TestHost} over one
 * connection: terminal n is {@code T} + 7 digits and belongs to merchant {@code M} + 14 digits of
 * ((n - 1) mod 10) + 1. Hands out STANs and remembers the batch the host told it at sign-on, so a test
 * reads as a terminal's script. Tests use distinct terminal numbers so they never share a batch.
 */
final class TestTerminal implements AutoCloseable {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String PAN = "6222021234567890123";
    static final String EXPIRY = "2912";

    final TestHost host;
    final Profile profile;
    final String tid;
    final String mid;
    final RequestFactory rf;
    private final TerminalLink link;
    private final AtomicInteger stan = new AtomicInteger();
    int batch = 1;

    TestTerminal(TestHost host, Profile profile, int n) throws IOException {
        this(host, profile, n, Clock.systemUTC());
    }

    TestTerminal(TestHost host, Profile profile, int n, Clock clock) throws IOException {
        this(host, profile, tid(n), mid(n), clock);
    }

    TestTerminal(TestHost host, Profile profile, String tid, String mid, Clock clock) throws IOException {
        this.host = host;
        this.profile = profile;
        this.tid = tid;
        this.mid = mid;
        this.rf = new RequestFactory(profile, tid, mid, clock, SHANGHAI);
        this.link = host.connect(profile);
    }

    static String tid(int n) {
        return String.format("T%07d", n);
    }

    static String mid(int n) {
        return String.format("M%014d", (n - 1) % 10 + 1);
    }

    String nextStan() {
        return String.format("%06d", stan.incrementAndGet());
    }

    /** Sends and waits for the answer; fails the test when none comes within the link timeout. */
    ISOMsg exchange(ISOMsg request) throws IOException, ISOException {
        ISOMsg r = link.exchange(request);
        assertNotNull(r, "no answer to " + request.getMTI() + " STAN " + request.getString(11) + " from " + tid);
        return r;
    }

    void send(ISOMsg request) throws IOException, ISOException {
        link.send(request);
    }

    ISOMsg receive() throws IOException, ISOException {
        return link.receive();
    }

    /** Signs on and adopts the host's batch number (iso87a field 60, cup 60.2). */
    ISOMsg signOn() throws IOException, ISOException {
        ISOMsg r = exchange(rf.signOn(nextStan(), batch));
        assertEquals("00", r.getString(39), "sign-on of " + tid);
        batch = hostBatch(r);
        return r;
    }

    int hostBatch(ISOMsg response) {
        String f60 = response.getString(60);
        assertNotNull(f60, "field 60 with the host batch");
        return Integer.parseInt(profile == Profile.CUP ? f60.substring(2, 8) : f60);
    }

    ISOMsg purchase(long amount) throws IOException, ISOException {
        return exchange(purchaseRequest(amount, "051"));
    }

    ISOMsg purchaseRequest(long amount, String entryMode) throws ISOException {
        return rf.cardPurchase(nextStan(), batch, amount, PAN, EXPIRY, entryMode);
    }

    ISOMsg qrRequest(long amount) throws ISOException {
        return rf.qrPurchase(nextStan(), batch, amount, "6225880123456789012");
    }

    /** What, with TID and STAN, identifies a request in the ledger: field 7 (iso87a) or the batch (cup). */
    String requestKey(ISOMsg request) {
        return profile == Profile.ISO87A ? request.getString(7) : request.getString(60).substring(2, 8);
    }

    String dedupKey(ISOMsg request) {
        return tid + "|" + request.getString(11) + "|" + requestKey(request);
    }

    Optional<TransactionRecord> recordOf(ISOMsg request) {
        return ledger().byRequest(tid, request.getString(11), requestKey(request));
    }

    TransactionRecord recorded(ISOMsg request) {
        return recordOf(request).orElseThrow(() -> new AssertionError("no ledger row for STAN " + request.getString(11) + " of " + tid));
    }

    /** Every ledger row of this terminal. */
    List<TransactionRecord> rows() {
        return ledger().transactions().stream().filter(t -> t.tid().equals(tid)).toList();
    }

    Ledger ledger() {
        return host.services().ledger();
    }

    /** Polls {@code condition} until it holds or {@code max} passes; fails with {@code what} then. */
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

    @Override
    public void close() throws IOException {
        link.close();
    }
}
