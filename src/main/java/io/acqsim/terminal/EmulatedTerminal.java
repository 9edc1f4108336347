package io.acqsim.terminal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.Profile;

/**
 * An emulated POS terminal: builds each request with {@link RequestFactory}, sends it over its
 * {@link TerminalLink}, records what came back in its {@link TerminalState}, and behaves like a real
 * terminal where the host leaves it no choice: a financial request without an answer in time is
 * reversed (0400) on a fresh connection; a settlement answered 95 is followed by the batch upload and
 * the closing message.
 */
public final class EmulatedTerminal implements AutoCloseable {
    /**
     * One request and its answer; {@code response} is null when none came in time, and then
     * {@code reversal} is the 0400 the terminal sent for it (null otherwise).
     */
    public record Exchange(String action, ISOMsg request, ISOMsg response, Duration latency, Exchange reversal) {
        Exchange(String action, ISOMsg request, ISOMsg response, Duration latency) {
            this(action, request, response, latency, null);
        }

        public String responseCode() {
            return response == null ? "--" : response.getString(39);
        }

        public String rrn() {
            return response == null ? null : response.getString(37);
        }
    }

    private final Supplier<TerminalLink> connector;
    private final RequestFactory requests;
    private final TerminalState state;
    private TerminalLink link;

    public EmulatedTerminal(Supplier<TerminalLink> connector, RequestFactory requests, TerminalState state) {
        this.connector = connector;
        this.requests = requests;
        this.state = state;
    }

    public TerminalState state() { return state; }

    public Exchange signOn() throws IOException, ISOException {
        Exchange e = send("sign-on", requests.signOn(state.nextStan(), state.batch()));
        adoptHostBatch(e.response());
        return e;
    }

    public Exchange echo() throws IOException, ISOException {
        return send("echo", requests.echo(state.nextStan(), state.batch()));
    }

    public Exchange signOff() throws IOException, ISOException {
        return send("sign-off", requests.signOff(state.nextStan(), state.batch()));
    }

    public Exchange cardPurchase(long amount, String pan, String expiry, String entryMode) throws IOException, ISOException {
        ISOMsg m = requests.cardPurchase(state.nextStan(), state.batch(), amount, pan, expiry, entryMode);
        return financial("purchase", "PURCHASE", m, amount, io.acqsim.iso.Masking.pan(pan));
    }

    public Exchange qrPurchase(long amount, String code) throws IOException, ISOException {
        return financial("qr purchase", "PURCHASE", requests.qrPurchase(state.nextStan(), state.batch(), amount, code), amount, null);
    }

    /** Voids a sale of this terminal's open batch by RRN; the amount is the sale's. */
    public Exchange voidSale(String rrn) throws IOException, ISOException {
        TerminalState.Txn sale = state.byRrn(rrn);
        if (sale == null) throw new IllegalArgumentException("no transaction with RRN " + rrn + " in this terminal's open batch");
        Exchange e = financial("void", "VOID", requests.voidSale(state.nextStan(), state.batch(), sale.amount(), rrn), sale.amount(), null);
        if ("00".equals(e.responseCode())) state.mark(sale, "VOIDED");
        return e;
    }

    public Exchange refund(long amount, String originalRrn) throws IOException, ISOException {
        return financial("refund", "REFUND", requests.refund(state.nextStan(), state.batch(), amount, originalRrn), amount, null);
    }

    /** Reverses this terminal's transaction with the given STAN (a repeat goes out as 0401 on iso87a). */
    public Exchange reverse(String stan) throws IOException, ISOException {
        TerminalState.Txn t = state.byStan(stan);
        if (t == null) throw new IllegalArgumentException("no transaction with STAN " + stan + " in this terminal's open batch");
        Exchange e = send("reversal", requests.reversal(rebuild(t), false));
        if (e.response() != null && ("00".equals(e.responseCode()) || "25".equals(e.responseCode()))) state.mark(t, "REVERSED");
        return e;
    }

    /** Settles the open batch; on 95 uploads every transaction and sends the closing message. */
    public List<Exchange> settle() throws IOException, ISOException {
        List<Exchange> out = new ArrayList<>();
        var totals = state.totals();
        Exchange e = send("settlement", requests.settle(state.nextStan(), state.batch(), totals));
        out.add(e);
        if ("95".equals(e.responseCode())) {
            int n = 0;
            for (TerminalState.Txn t : state.settleable()) {
                out.add(send("batch upload", requests.upload(state.nextStan(), state.batch(), t.stan(), t.pan() == null ? null
                        : t.pan().replace('*', '0'), t.amount(), t.processingCode())));
                n++;
            }
            e = send("upload end", requests.closeBatch(state.nextStan(), state.batch(), totals, n));
            out.add(e);
        }
        if ("00".equals(e.responseCode())) state.closeBatch();
        return out;
    }

    private Exchange financial(String action, String kind, ISOMsg m, long amount, String panMasked) throws IOException, ISOException {
        Exchange e = send(action, m);
        String rc = e.responseCode();
        TerminalState.Txn t = new TerminalState.Txn(kind, m.getString(11), m.getMTI(), m.getString(3), m.getString(7), m.getString(22),
                amount, e.rrn(), rc, panMasked, e.response() == null ? "PENDING_REVERSAL" : "00".equals(rc) ? "APPROVED" : "DECLINED");
        state.add(t);
        if (e.response() == null) {
            Exchange rev = send("reversal", requests.reversal(m, false));
            if (rev.response() != null) state.mark(t, "REVERSED");
            return new Exchange(e.action(), e.request(), null, e.latency(), rev);
        }
        return e;
    }

    private ISOMsg rebuild(TerminalState.Txn t) throws ISOException {
        ISOMsg m = new ISOMsg(t.mti());
        m.set(3, t.processingCode());
        m.set(4, String.format("%012d", t.amount()));
        m.set(11, t.stan());
        if (t.f7() != null) m.set(7, t.f7());
        ISOMsg base = requests.echo(t.stan(), state.batch());
        for (int f : new int[] {41, 42, 60}) if (base.hasField(f)) m.set(f, base.getString(f));
        if (requests.profile() == Profile.CUP) {
            m.setHeader(base.getHeader());
            String type = t.kind().equals("VOID") ? "23" : t.kind().equals("REFUND") ? "25" : "22";
            m.set(60, type + base.getString(60).substring(2, 8) + "000");
        } else {
            m.unset(60);
            m.set(60, String.format("%06d", state.batch()));
        }
        m.set(25, "00");
        m.set(49, "156");
        return m;
    }

    private void adoptHostBatch(ISOMsg r) {
        if (r == null || !"00".equals(r.getString(39)) || !r.hasField(60)) return;
        String f60 = r.getString(60);
        String digits = requests.profile() == Profile.CUP ? f60.substring(2, 8) : f60;
        state.batch(Integer.parseInt(digits));
    }

    private Exchange send(String action, ISOMsg m) throws IOException, ISOException {
        if (link == null || !link.isConnected()) link = connector.get();
        long t0 = System.nanoTime();
        ISOMsg r = link.exchange(m);
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        if (r == null) {
            link.close();
            link = null;
        }
        return new Exchange(action, m, r, latency);
    }

    @Override
    public void close() throws IOException {
        if (link != null) link.close();
    }
}
