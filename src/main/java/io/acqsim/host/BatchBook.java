package io.acqsim.host;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import io.acqsim.ledger.Ledger;

/**
 * Each terminal's open batch number, cached over the ledger, so a purchase costs no extra read. Sign-on
 * creates the terminal's state; settlement moves it on. In cluster mode another node may have moved it on
 * (the terminal settled there): a request whose batch number differs from the cached one asks the ledger
 * again ({@link #reread}) before it is refused.
 */
public final class BatchBook {
    private final Ledger ledger;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public BatchBook(Ledger ledger) {
        this.ledger = ledger;
    }

    public int openBatch(String tid, String mid, Instant at) {
        Integer b = open.get(tid);
        if (b != null) return b;
        int n = ledger.ensureTerminal(tid, mid, at);
        open.put(tid, n);
        return n;
    }

    public int signOn(String tid, String mid, Instant at) {
        int n = ledger.signOn(tid, mid, at);
        open.put(tid, n);
        return n;
    }

    /** The open batch as the ledger holds it now (another node may have closed the cached one); cached again. */
    public int reread(String tid, String mid, Instant at) {
        open.remove(tid);
        return openBatch(tid, mid, at);
    }

    public void closed(String tid, int next) {
        open.put(tid, next);
    }
}
