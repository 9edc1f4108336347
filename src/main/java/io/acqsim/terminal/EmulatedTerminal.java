package io.acqsim.terminal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.Masking;
import io.acqsim.iso.Profile;
import io.acqsim.keys.KeyException;
import io.acqsim.keys.TerminalKeyRing;
import io.acqsim.message.ResponseCode;
import io.acqsim.terminal.protocol.PendingReversal;
import io.acqsim.terminal.protocol.TerminalProtocol;

/**
 * An emulated POS terminal: builds each request with {@link RequestFactory}, sends it over its
 * {@link TerminalLink}, records what came back in its {@link TerminalState}, and follows the
 * {@link TerminalProtocol} as a real terminal does (reference/DOMAIN.md §1):
 * <ul>
 *   <li>the reversal of a financial request is written to the state <em>before</em> the request goes
 *       out; without an answer in time the terminal sends the 0400 (repeats: 0401 on iso87a, 0400 on
 *       cup), up to {@link #reversalRepeats} more times, and a reversal still owed — even from an
 *       earlier run — goes out before the next transaction;</li>
 *   <li>a response whose MTI, STAN, processing code or TID does not match the request is rejected and
 *       the terminal keeps waiting for the right one;</li>
 *   <li>a broken connection is reopened and the request sent again (the host treats it as a
 *       retransmission);</li>
 *   <li>on cup it signs on again before its next transaction when a response header asks for it
 *       (processing requirement 3), and on any profile after a 77 or A0;</li>
 *   <li>a settlement answered 95 is followed by the batch upload and the closing message;</li>
 *   <li>with {@link #startUpDownloads(boolean)} on (cup), a sign-on answer asking for CA keys (processing
 *       requirement 4) or IC parameters (5) starts that download: status query pages, one download per
 *       entry, the end message, and the next download when the end's answer asks for it;</li>
 *   <li>an approved chip purchase on cup is followed by its TC upload (0320, 60.3 = 205).</li>
 *   <li>where its range has MAC on ({@link #keys(TerminalKeyRing)}), it signs on for working keys before
 *       its first transaction, MACs what needs a MAC and checks the MAC of the answers.</li>
 * </ul>
 */
public final class EmulatedTerminal implements AutoCloseable {
    /**
     * One request and its answer. {@code response} is null when none came in time; then
     * {@code reversal} is the reversal the terminal sent for it, if any. {@code rejected} holds
     * responses that did not match the request (wrong MTI, STAN, processing code or TID).
     * {@code macProblem} says what is wrong with the answer's MAC, where the terminal MACs (else null).
     */
    public record Exchange(String action, ISOMsg request, ISOMsg response, Duration latency, Exchange reversal, List<ISOMsg> rejected,
                           String macProblem) {
        Exchange withReversal(Exchange r) {
            return new Exchange(action, request, response, latency, r, rejected, macProblem);
        }

        public String responseCode() {
            return response == null ? "--" : response.getString(39);
        }

        /** True when an answer came with response code {@code code}. */
        public boolean is(ResponseCode code) {
            return response != null && code.code().equals(response.getString(39));
        }

        public String rrn() {
            return response == null ? null : response.getString(37);
        }
    }

    private final Supplier<TerminalLink> connector;
    private final RequestFactory requests;
    private final TerminalState state;
    private final TerminalProtocol protocol;
    private TerminalLink link;
    private final List<Exchange> automatic = new ArrayList<>();
    private int reversalRepeats = 3;
    private boolean startUpDownloads;
    private final List<Exchange> followUps = new ArrayList<>();
    private final List<byte[]> capks = new ArrayList<>();
    private final List<byte[]> applications = new ArrayList<>();
    private TerminalKeyRing keys;

    public EmulatedTerminal(Supplier<TerminalLink> connector, RequestFactory requests, TerminalState state) {
        this.connector = connector;
        this.requests = requests;
        this.state = state;
        this.protocol = new TerminalProtocol(requests.profile(), state);
    }

    public TerminalState state() { return state; }

    /** How many times an unanswered reversal is repeated (default 3). */
    public EmulatedTerminal reversalRepeats(int n) {
        if (n < 0) throw new IllegalArgumentException("reversal repeats must not be negative");
        this.reversalRepeats = n;
        return this;
    }

    /** Whether a sign-on answer asking for downloads (cup header 4 or 5) starts them; off by default. */
    public EmulatedTerminal startUpDownloads(boolean on) {
        this.startUpDownloads = on;
        return this;
    }

    /**
     * Exchanges the terminal made on its own after the last actions — start-up downloads after a sign-on,
     * the TC upload after a chip purchase — in order; taking them clears the list.
     */
    public List<Exchange> takeFollowUps() {
        List<Exchange> out = List.copyOf(followUps);
        followUps.clear();
        return out;
    }

    /** Each CA key downloaded (field 62 of the 0810 after its status character), in order. */
    public List<byte[]> downloadedCapks() { return List.copyOf(capks); }

    /** Each application's IC parameters downloaded, as {@link #downloadedCapks()}. */
    public List<byte[]> downloadedApplications() { return List.copyOf(applications); }

    /**
     * Where the terminal's range has MAC on: sign-ons ask for working keys ({@link TerminalKeyRing#layout()}),
     * requests that need a MAC carry one, and answers' MACs are checked. Null: no keys, no MAC.
     */
    public EmulatedTerminal keys(TerminalKeyRing ring) {
        this.keys = ring;
        return this;
    }

    public TerminalKeyRing keys() { return keys; }

    /** True when the host asked this terminal to sign on again and it has not yet. */
    public boolean mustSignOn() { return protocol.signOnDue(); }

    public Exchange signOn() throws IOException, ISOException {
        ISOMsg m = keys == null ? requests.signOn(protocol.nextStan(), protocol.batch())
                : requests.signOn(protocol.nextStan(), protocol.batch(), keys.layout().code());
        Exchange e = send("sign-on", m);
        TerminalProtocol.SignOn result = e.response() == null ? null : protocol.signedOn(e.response());
        if (result != null && result != TerminalProtocol.SignOn.DECLINED && keys != null) {
            try {
                keys.signedOn(e.response());
            } catch (KeyException k) {
                return new Exchange(e.action(), e.request(), e.response(), e.latency(), null, e.rejected(), "working keys unusable: " + k.getMessage());
            }
        }
        if (startUpDownloads && e.is(ResponseCode.APPROVED)) new StartUp(this::download, capks, applications).run(e.response(), followUps);
        return e;
    }

    private Exchange download(String code, byte[] field62) throws IOException, ISOException {
        return send("download " + code, requests.download(protocol.nextStan(), protocol.batch(), code, field62));
    }

    public Exchange echo() throws IOException, ISOException {
        beforeTransaction();
        return send("echo", requests.echo(protocol.nextStan(), protocol.batch()));
    }

    public Exchange signOff() throws IOException, ISOException {
        beforeTransaction();
        return send("sign-off", requests.signOff(protocol.nextStan(), protocol.batch()));
    }

    public Exchange cardPurchase(long amount, String pan, String expiry, String entryMode) throws IOException, ISOException {
        return cardPurchase(amount, pan, expiry, entryMode, null);
    }

    /**
     * A card purchase with an online PIN when {@code pin} is not null: the ISO 9564 format 0 PIN block under
     * the PIK of the terminal's sign-on in 52, and 53 saying so. Needs working keys ({@link #keys(TerminalKeyRing)}).
     */
    public Exchange cardPurchase(long amount, String pan, String expiry, String entryMode, String pin) throws IOException, ISOException {
        if (pin != null && keys == null) throw new IllegalArgumentException("a PIN needs working keys: the terminal's range has MAC off in the key file");
        if (pin != null && !pin.matches("\\d{4,12}")) throw new IllegalArgumentException("a PIN is 4 to 12 digits");
        beforeTransaction();
        ISOMsg m = requests.cardPurchase(protocol.nextStan(), protocol.batch(), amount, pan, expiry, entryMode);
        if (pin != null) {
            if (!keys.hasKeys()) throw new IllegalStateException("no working keys after sign-on: cannot encrypt the PIN");
            m.set(52, keys.pinBlock(pin, pan));
            m.set(53, keys.securityControl());
        }
        return financial("purchase", "PURCHASE", m, amount, Masking.pan(pan));
    }

    /**
     * A chip purchase with the TEST card's field 55 (entry mode 051); on cup an approval is followed by the
     * TC upload, found in {@link #takeFollowUps()}.
     */
    public Exchange chipPurchase(long amount, String pan, String expiry) throws IOException, ISOException {
        beforeTransaction();
        ISOMsg m = requests.chipPurchase(protocol.nextStan(), protocol.batch(), amount, pan, expiry);
        Exchange e = financial("chip purchase", "PURCHASE", m, amount, Masking.pan(pan));
        if (requests.profile() == Profile.CUP && e.is(ResponseCode.APPROVED)) {
            followUps.add(send("TC upload", requests.tcUpload(protocol.nextStan(), protocol.batch(), m.getString(11), amount, pan)));
        }
        return e;
    }

    public Exchange qrPurchase(long amount, String code) throws IOException, ISOException {
        beforeTransaction();
        return financial("qr purchase", "PURCHASE", requests.qrPurchase(protocol.nextStan(), protocol.batch(), amount, code), amount, null);
    }

    /** Voids a sale of this terminal's open batch by RRN; the amount is the sale's. */
    public Exchange voidSale(String rrn) throws IOException, ISOException {
        TerminalState.Txn sale = state.byRrn(rrn);
        if (sale == null) throw new IllegalArgumentException("no transaction with RRN " + rrn + " in this terminal's open batch");
        beforeTransaction();
        Exchange e = financial("void", "VOID", requests.voidSale(protocol.nextStan(), protocol.batch(), sale.amount(), rrn), sale.amount(), null);
        if (e.is(ResponseCode.APPROVED)) state.mark(state.byRrn(rrn), "VOIDED");
        return e;
    }

    public Exchange refund(long amount, String originalRrn) throws IOException, ISOException {
        beforeTransaction();
        return financial("refund", "REFUND", requests.refund(protocol.nextStan(), protocol.batch(), amount, originalRrn), amount, null);
    }

    /** Reverses this terminal's transaction with the given STAN (a repeat goes out as 0401 on iso87a). */
    public Exchange reverse(String stan) throws IOException, ISOException {
        TerminalState.Txn t = state.byStan(stan);
        if (t == null) throw new IllegalArgumentException("no transaction with STAN " + stan + " in this terminal's open batch");
        beforeTransaction();
        Exchange e = send("reversal", requests.reversal(rebuild(t), false));
        if (e.is(ResponseCode.APPROVED) || e.is(ResponseCode.ORIGINAL_NOT_FOUND)) state.mark(t, "REVERSED");
        return e;
    }

    /** Settles the open batch; on 95 uploads every transaction and sends the closing message. */
    public List<Exchange> settle() throws IOException, ISOException {
        List<Exchange> out = new ArrayList<>();
        beforeTransaction();
        var totals = state.totals();
        Exchange e = send("settlement", requests.settle(protocol.nextStan(), protocol.batch(), totals));
        out.add(e);
        if (e.is(ResponseCode.RECONCILE_ERROR)) {
            int n = 0;
            for (TerminalState.Txn t : state.settleable()) {
                out.add(send("batch upload", requests.upload(protocol.nextStan(), protocol.batch(), t.stan(), t.pan() == null ? null
                        : t.pan().replace('*', '0'), t.amount(), t.processingCode())));
                n++;
            }
            e = send("upload end", requests.closeBatch(protocol.nextStan(), protocol.batch(), totals, n));
            out.add(e);
        }
        if (e.is(ResponseCode.APPROVED)) state.closeBatch();
        return out;
    }

    /**
     * Exchanges the terminal made on its own before the last action — a new sign-on the host asked
     * for, a reversal it still owed — oldest first; taking them clears the list.
     */
    public List<Exchange> takeAutomatic() {
        List<Exchange> out = List.copyOf(automatic);
        automatic.clear();
        return out;
    }

    /**
     * What a terminal does before a new transaction: sign on again if the host asked or, where it MACs,
     * when it holds no working keys (a new run of {@code acqsim terminal}); deliver a reversal it still owes.
     */
    private void beforeTransaction() throws IOException, ISOException {
        if (protocol.signOnDue() || (keys != null && !keys.hasKeys())) automatic.add(signOn());
        PendingReversal owed = protocol.reversalDue();
        if (owed != null) {
            Exchange r = deliver(owed);
            if (r != null) automatic.add(r);
        }
    }

    private Exchange financial(String action, String kind, ISOMsg m, long amount, String panMasked) throws IOException, ISOException {
        PendingReversal owed = protocol.sending(m, kind, amount);
        Exchange e = send(action, m);
        TerminalState.Txn t = new TerminalState.Txn(kind, m.getString(11), m.getMTI(), m.getString(3), m.getString(7), m.getString(22),
                amount, e.rrn(), e.responseCode(), panMasked,
                e.response() == null ? "PENDING_REVERSAL" : e.is(ResponseCode.APPROVED) ? "APPROVED" : "DECLINED");
        state.add(t);
        return e.response() != null ? e : e.withReversal(deliver(owed));
    }

    /**
     * Sends the reversal owed: 0400, then repeats (0401 on iso87a) until one is answered or the repeats
     * run out. Answered, the protocol clears the debt and the transaction is marked REVERSED; otherwise it stays owed.
     */
    private Exchange deliver(PendingReversal owed) throws IOException, ISOException {
        ISOMsg original = requests.original(owed);
        Exchange last = null;
        for (int attempt = 0; attempt <= reversalRepeats; attempt++) {
            last = send(attempt == 0 ? "reversal" : "reversal repeat", requests.reversal(original, attempt > 0));
            if (last.response() != null) {
                TerminalState.Txn t = state.byStan(owed.stan());
                if (t != null) state.mark(t, "REVERSED");
                return last;
            }
        }
        return last;
    }

    /** The original of one of this terminal's transactions, for its reversal; it went out in the current batch. */
    private ISOMsg rebuild(TerminalState.Txn t) throws ISOException {
        return requests.original(new PendingReversal(t.kind(), t.stan(), t.mti(), t.processingCode(), t.f7(), t.entryMode(),
                t.amount(), state.batch()));
    }

    /**
     * Sends {@code m} and waits for its response, rejecting responses that do not match it. A broken
     * connection is reopened and the request sent once more. The protocol takes every matching answer.
     */
    private Exchange send(String action, ISOMsg m) throws IOException, ISOException {
        if (keys != null) keys.sign(m);
        long t0 = System.nanoTime();
        List<ISOMsg> rejected = new ArrayList<>();
        ISOMsg r;
        try {
            r = awaitMatching(m, rejected);
        } catch (IOException broken) {
            closeLink();
            r = awaitMatching(m, rejected);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        if (r == null) closeLink();
        else protocol.answered(m, r);
        String macProblem = null;
        if (r != null && keys != null) {
            macProblem = keys.responseMacProblem(m, r);
            if (protocol.signOnDue()) keys.forget();
        }
        return new Exchange(action, m, r, latency, null, List.copyOf(rejected), macProblem);
    }

    private ISOMsg awaitMatching(ISOMsg m, List<ISOMsg> rejected) throws IOException, ISOException {
        if (link == null || !link.isConnected()) link = connector.get();
        ISOMsg r = link.exchange(m);
        while (r != null && !TerminalProtocol.matches(m, r)) {
            rejected.add(r);
            r = link.receive();
        }
        return r;
    }

    private void closeLink() throws IOException {
        if (link != null) link.close();
        link = null;
    }

    @Override
    public void close() throws IOException {
        closeLink();
    }
}
