package io.acqsim.load;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.tls.Connector;
import io.acqsim.keys.KeyException;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.message.Digits;
import io.acqsim.message.ResponseCode;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.protocol.InMemoryState;
import io.acqsim.terminal.protocol.PendingReversal;
import io.acqsim.terminal.protocol.TerminalProtocol;

/**
 * One terminal of a load run: its own connection and TID; requests built by {@link RequestFactory} and
 * the STAN, batch, reversal and sign-on rules of {@link TerminalProtocol}, as the emulated terminals
 * follow them, with the protocol's state in memory; one request at a time on its {@link LoadLink}.
 * Financial requests go out as {@link RequestTemplate}s patched per request and their answers are read
 * by an {@link AnswerReader}, both in packed form; sign-ons and reversals go as ISOMsgs.
 * It signs on first, adopting the host's batch, and again right after an answer that asks for it.
 * Voids and refunds name RRNs of this terminal's own earlier approved purchases (each used once); with
 * none at hand it sends a purchase instead. A financial request left without a valid answer (timeout,
 * lost connection, an answer that does not match) is reversed at once on a fresh connection, so the host
 * does not keep a sale the load never counted; a reversal that gets no answer either goes out again
 * before the next request.
 */
final class TerminalWorker {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String PAN = "6222021234567890123";
    static final String EXPIRY = "2912";
    private static final String[] ENTRY_MODES = {"071", "051", "021"};
    private static final int SALES_KEPT = 1000;

    /** An approved purchase a later void or refund may name. */
    private record Sale(String rrn, long amount) {
    }

    final String tid;
    final String mid;
    /** The host this terminal sends to, of the run's targets. */
    final Target target;
    private final String host;
    private final int port;
    private final Connector connector;
    private final Profile profile;
    private final ISOPackager packager;
    private final Duration timeout;
    private final Mix mix;
    private final LoadStats warmupStats;
    private final LoadStats measuredStats;
    /** Where the request under way counts: the warm-up's or the measured run's. */
    private LoadStats stats;
    private final RequestFactory requests;
    private final TerminalProtocol protocol;
    private final SplittableRandom random;
    private final Deque<Sale> sales = new ArrayDeque<>();
    private final PackedLayout layout;
    private final int headerLength;
    private final AnswerReader answers;
    /** The packed request of each shape: card purchase per entry mode, then QR, refund, void. */
    private final RequestTemplate[] templates = new RequestTemplate[ENTRY_MODES.length + 3];
    /** Whether the mix has voids or refunds to name the sales: without, none are kept (10,000 terminals would hold 10 million). */
    private final boolean keepsSales;
    private LoadLink link;
    /** The terminal's keys where its range has MAC on (a key file given), else null. */
    private final TerminalKeyRing keys;
    private int entryMode;
    private String warning;
    private String lastError;
    /** This terminal's own counts of the measured run, for the figures per target; read once it has stopped. */
    private final Tally measured = new Tally();

    /** Requests of one terminal: sent, answered, timed out, failed. */
    static final class Tally {
        long sent;
        long answered;
        long timeouts;
        long errors;
    }

    TerminalWorker(int n, LoadRun.Options o, LoadStats warmupStats, LoadStats measuredStats, PackedLayout layout) {
        this.tid = tid(n);
        this.mid = mid(n);
        this.target = o.target(n - o.firstTerminal());
        this.host = target.host();
        this.port = target.port();
        this.connector = o.connector();
        this.profile = o.profile();
        this.packager = layout.packager();
        this.layout = layout;
        this.headerLength = profile == Profile.CUP ? CupHeader.LENGTH : 0;
        this.answers = new AnswerReader(layout, headerLength);
        this.timeout = o.timeout();
        this.mix = o.mix();
        this.keepsSales = java.util.Arrays.stream(Kind.values()).anyMatch(k -> k.needsOriginal() && mix.weight(k) > 0);
        this.warmupStats = warmupStats;
        this.measuredStats = measuredStats;
        this.stats = measuredStats;
        this.requests = new RequestFactory(profile, tid, mid, Clock.systemUTC(), ZONE);
        this.protocol = new TerminalProtocol(profile, new InMemoryState());
        this.random = new SplittableRandom(o.seed() * 1_000_003L + n);
        this.keys = o.keys() == null ? null : TerminalKeyRing.of(o.keys(), tid, profile, packager);
    }

    /** Terminal n of the demo registry (PRODUCT.md §4.3): T + 7 digits. */
    static String tid(int n) {
        return "T" + Digits.fixed(n, 7);
    }

    /** The merchant of terminal n in the demo registry: M + 14 digits of ((n - 1) mod 10) + 1. */
    static String mid(int n) {
        return "M" + Digits.fixed((n - 1) % 10 + 1, 14);
    }

    /** Why the sign-on left the batch at 1 (answered other than 00, or no batch number in field 60), else null. */
    String warning() {
        return warning;
    }

    /** Opens the terminal's connection; fails when the host cannot be reached. */
    void connectLink() throws IOException {
        if (link == null) link = connect();
    }

    /** Signs on (connecting first if {@link #connectLink} has not); fails when the host cannot be reached or does not answer. */
    void signOn() throws IOException, ISOException {
        ISOMsg m = signOnRequest();
        ISOMsg r;
        try {
            r = exchange(m);
        } catch (SocketTimeoutException e) {
            close();
            throw new IOException(tid + ": no answer to sign-on within " + Durations.format(timeout) + " from " + host + ":" + port);
        }
        if (!TerminalProtocol.matches(m, r)) {
            throw new IOException(tid + ": the sign-on answer " + r.getString(0) + " STAN " + r.getString(11)
                    + " is not the answer to STAN " + m.getString(11));
        }
        protocol.answered(m, r);
        TerminalProtocol.SignOn signedOn = protocol.signedOn(r);
        if (keys != null && signedOn != TerminalProtocol.SignOn.DECLINED) {
            try {
                keys.signedOn(r);
            } catch (KeyException e) {
                throw new IOException(tid + ": the sign-on's working keys are unusable: " + e.getMessage());
            }
        }
        switch (signedOn) {
            case ACCEPTED -> { }
            case DECLINED -> warning = tid + ": sign-on answered " + r.getString(39) + "; going on with batch " + protocol.batch();
            case NO_BATCH_NUMBER -> warning = tid + ": sign-on answer has field 60 '" + r.getString(60) + "', not a batch number; going on with batch "
                    + protocol.batch();
        }
    }

    /** Sends requests at the schedule's slots until its end; answers still due after the end are waited for. */
    void run(Schedule schedule) {
        try {
            while (true) {
                long intended = schedule.next();
                if (intended >= schedule.end()) {
                    // no slot left for this terminal: it stays connected, as an idle terminal would, until the run ends
                    waitUntil(schedule.end());
                    return;
                }
                waitUntil(intended);
                if (System.nanoTime() >= schedule.end()) return;
                stats = schedule.measured(intended) ? measuredStats : warmupStats;
                if (!transact(mix.pick(random), intended)) pause(schedule.end());
            }
        } finally {
            close();
        }
    }

    /** One request; false when it ended in an error (then the caller pauses briefly). */
    private boolean transact(Kind asked, long intended) {
        PendingReversal owed = protocol.reversalDue();
        if (owed != null) reverse(original(owed));
        Sale original = asked.needsOriginal() ? sales.pollFirst() : null;
        Kind kind = asked.needsOriginal() && original == null ? Kind.PURCHASE : asked;
        String stan = protocol.nextStan();
        long amount = switch (kind) {
            case PURCHASE, QR -> ApprovedAmounts.purchase(random);
            case REFUND -> ApprovedAmounts.refund(random, original.amount());
            case VOID -> original.amount();
        };
        RequestTemplate t;
        try {
            t = request(kind, stan, amount, original);
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build a " + kind.id() + " request: " + e.getMessage(), e);
        }

        stats.sent(kind);
        if (stats == measuredStats) measured.sent++;
        protocol.sending(kind == Kind.VOID ? "VOID" : kind == Kind.REFUND ? "REFUND" : "PURCHASE", t.mti(), stan, t.processingCode(), t.f7(),
                t.entryMode(), amount);
        boolean written = false;
        try {
            if (link == null) link = connect();
            link.send(t.frame(), t.length());
            written = true;
            int n = link.receiveFrame();
            long latency = System.nanoTime() - intended;
            boolean wantRrn = keepsSales && (kind == Kind.PURCHASE || kind == Kind.QR);
            if (!answers.read(link.received(), n, t, wantRrn)) throw new ISOException(answers.mismatch(link.received(), n, t));
            String rc = answers.responseCode();
            protocol.answered(t.mti(), stan, rc, answers.processingRequirement());
            stats.answered(kind, rc, latency);
            if (stats == measuredStats) measured.answered++;
            if (wantRrn && ResponseCode.APPROVED.code().equals(rc) && answers.rrn() != null) {
                if (sales.size() >= SALES_KEPT) sales.pollFirst();
                sales.addLast(new Sale(answers.rrn(), amount));
            }
            if (protocol.signOnDue()) signOnAgain();
            return true;
        } catch (IOException | ISOException | RuntimeException e) {
            close();
            if (!written) protocol.notSent(t.mti(), stan);
            if (written && isTimeout(e)) {
                stats.timedOut(System.nanoTime() - intended);
                if (stats == measuredStats) measured.timeouts++;
                reverse(t);
                return true;
            }
            if (lastError == null) lastError = tid + ": " + e;
            stats.error();
            if (stats == measuredStats) measured.errors++;
            if (written) reverse(t);
            return false;
        }
    }

    /**
     * The request of {@code kind} with this STAN and amount: the terminal's template of that shape patched
     * in place, or built anew by the {@link RequestFactory} (and packed) when there is none yet, the clock's
     * second or the batch has changed since, or a patch cannot be made in place.
     */
    private RequestTemplate request(Kind kind, String stan, long amount, Sale original) throws ISOException {
        int shape = switch (kind) {
            case PURCHASE -> entryMode++ % ENTRY_MODES.length;
            case QR -> ENTRY_MODES.length;
            case REFUND -> ENTRY_MODES.length + 1;
            case VOID -> ENTRY_MODES.length + 2;
        };
        String qr = kind == Kind.QR ? qrCode() : null;
        long second = System.currentTimeMillis() / 1000;
        int batch = protocol.batch();
        RequestTemplate t = templates[shape];
        boolean mac = keys != null && keys.hasKeys();
        if (t != null && t.current(second, batch) && t.setNumber(11, Integer.parseInt(stan)) && t.setNumber(4, amount)
                && (qr == null || t.set(48, qr)) && (original == null || t.set(37, original.rrn()))
                && (!mac || t.sign(keys::macOf))) {
            return t;
        }
        ISOMsg m = switch (kind) {
            case PURCHASE -> requests.cardPurchase(stan, batch, amount, PAN, EXPIRY, ENTRY_MODES[shape]);
            case QR -> requests.qrPurchase(stan, batch, amount, qr);
            case REFUND -> requests.refund(stan, batch, amount, original.rrn());
            case VOID -> requests.voidSale(stan, batch, amount, original.rrn());
        };
        if (mac) keys.sign(m);
        t = RequestTemplate.of(layout, m, headerLength, second, batch);
        templates[shape] = t;
        return t;
    }

    /** Reverses the request as it went out (unpacked from its template); if that fails, the reversal stays owed for the next request. */
    private void reverse(RequestTemplate sent) {
        try {
            reverse(sent.message());
        } catch (ISOException | RuntimeException e) {
            close();
        }
    }

    /**
     * Best effort: the reversal (a single 0400) goes out on a new connection, which stays this terminal's
     * link if it answers; any answer settles the debt. Unanswered, it stays due for the next request.
     */
    private void reverse(ISOMsg original) {
        try {
            ISOMsg rev = requests.reversal(original, false);
            if (keys != null) keys.sign(rev);
            close();
            link = connect();
            link.send(rev);
            protocol.answered(rev, receive());
            stats.reversed();
        } catch (IOException | ISOException | RuntimeException e) {
            close();
        }
    }

    /** The original of a reversal still owed from an earlier request. */
    private ISOMsg original(PendingReversal owed) {
        try {
            return requests.original(owed);
        } catch (ISOException e) {
            throw new IllegalStateException("cannot rebuild STAN " + owed.stan() + " for its reversal: " + e.getMessage(), e);
        }
    }

    /** Signs on again on the same link; a failure closes it, and the sign-on stays due until one is approved. */
    private void signOnAgain() {
        try {
            ISOMsg m = signOnRequest();
            ISOMsg r = exchange(m);
            protocol.answered(m, r);
            if (protocol.signedOn(r) != TerminalProtocol.SignOn.DECLINED && keys != null) keys.signedOn(r);
        } catch (IOException | ISOException | RuntimeException e) {
            close();
        }
    }

    /** A sign-on asking for working keys where the terminal MACs. */
    private ISOMsg signOnRequest() throws ISOException {
        return keys == null ? requests.signOn(protocol.nextStan(), protocol.batch())
                : requests.signOn(protocol.nextStan(), protocol.batch(), keys.layout().code());
    }

    private ISOMsg exchange(ISOMsg m) throws IOException, ISOException {
        if (link == null) link = connect();
        link.send(m);
        return receive();
    }

    /** The next message on the link; a read timeout is a SocketTimeoutException. */
    private ISOMsg receive() throws IOException, ISOException {
        return link.receive();
    }

    private LoadLink connect() throws IOException {
        try {
            return new LoadLink(connector, host, port, profile, packager, timeout);
        } catch (IOException e) {
            throw new IOException("cannot connect to " + host + ":" + port + " (" + profile + (connector.tls() ? ", TLS" : "") + "): "
                    + e.getMessage(), e);
        }
    }

    private String qrCode() {
        return "28" + Digits.fixed(random.nextLong(10_000_000_000_000_000L), 16);
    }

    /** jPOS reports a read timeout as SocketTimeoutException, possibly wrapped. */
    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof SocketTimeoutException) return true;
        return false;
    }

    /** The first error this terminal met, for the summary, or null; read once the terminal has stopped. */
    String lastError() {
        return lastError;
    }

    /** What this terminal did in the measured run; read once it has stopped. */
    Tally measured() {
        return measured;
    }

    private static void waitUntil(long nanos) {
        long d;
        while ((d = nanos - System.nanoTime()) > 0) LockSupport.parkNanos(d);
    }

    /** After an error: a tenth of a second, so an unreachable host is not hammered (never past the end). */
    private static void pause(long end) {
        waitUntil(Math.min(System.nanoTime() + 100_000_000L, end));
    }

    void close() {
        if (link == null) return;
        try {
            link.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        link = null;
    }
}
