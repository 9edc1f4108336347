package io.acqsim.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.acqsim.message.BatchTotals;
import io.acqsim.terminal.protocol.PendingReversal;
import io.acqsim.terminal.protocol.ProtocolState;

/**
 * What a POS terminal remembers between transactions and runs: its STAN counter, its batch number, the
 * reversal it owes (the {@link ProtocolState} its protocol keeps) and the transactions of the open batch
 * (for voids, reversals and settlement totals). Kept as JSON under DATA/terminals/TID.json when a file is
 * given (Jackson, which jPOS already brings), else in memory; every change is saved before it returns.
 */
public final class TerminalState implements ProtocolState {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One transaction of the batch as the terminal recorded it. */
    public record Txn(String kind, String stan, String mti, String processingCode, String f7, String entryMode,
                      long amount, String rrn, String responseCode, String pan, String status) {
        Txn withStatus(String s) {
            return new Txn(kind, stan, mti, processingCode, f7, entryMode, amount, rrn, responseCode, pan, s);
        }
    }

    /** The persisted form. */
    public static final class Data {
        public int stan;
        public int batch = 1;
        public List<Txn> txns = new ArrayList<>();
        public PendingReversal pendingReversal;
    }

    private final Path file;
    private final Data data;

    private TerminalState(Path file, Data data) {
        this.file = file;
        this.data = data;
    }

    public static TerminalState inMemory() {
        return new TerminalState(null, new Data());
    }

    public static TerminalState load(Path file) {
        try {
            if (!Files.exists(file)) return new TerminalState(file, new Data());
            return new TerminalState(file, JSON.readValue(file.toFile(), Data.class));
        } catch (IOException e) {
            throw new UncheckedIOException("terminal state " + file + " is unreadable (" + e.getMessage() + "); delete it to start afresh", e);
        }
    }

    @Override
    public synchronized int stan() { return data.stan; }

    @Override
    public synchronized void stan(int s) {
        data.stan = s;
        save();
    }

    @Override
    public synchronized int batch() { return data.batch; }

    @Override
    public synchronized void batch(int b) {
        data.batch = b;
        save();
    }

    public synchronized void add(Txn t) {
        data.txns.add(t);
        save();
    }

    public synchronized Txn byRrn(String rrn) {
        return data.txns.stream().filter(t -> rrn.equals(t.rrn())).findFirst().orElse(null);
    }

    public synchronized Txn byStan(String stan) {
        return data.txns.stream().filter(t -> stan.equals(t.stan())).reduce((a, b) -> b).orElse(null);
    }

    public synchronized void mark(Txn t, String status) {
        int i = data.txns.indexOf(t);
        if (i >= 0) data.txns.set(i, t.withStatus(status));
        save();
    }

    @Override
    public synchronized PendingReversal pendingReversal() { return data.pendingReversal; }

    /** Records (or, with null, clears) the reversal owed, durably, before the request it covers is sent. */
    @Override
    public synchronized void pendingReversal(PendingReversal p) {
        data.pendingReversal = p;
        save();
    }

    /** Approved sales and refunds of the open batch, voided and reversed excluded. */
    public synchronized BatchTotals totals() {
        BatchTotals t = BatchTotals.ZERO;
        for (Txn x : data.txns) {
            if (!"APPROVED".equals(x.status())) continue;
            if (x.kind().equals("PURCHASE")) t = t.plusSale(x.amount());
            if (x.kind().equals("REFUND")) t = t.plusRefund(x.amount());
        }
        return t;
    }

    public synchronized List<Txn> settleable() {
        return data.txns.stream().filter(x -> "APPROVED".equals(x.status()) && !x.kind().equals("VOID")).toList();
    }

    /** A new batch: number moved on, transactions cleared. */
    public synchronized void closeBatch() {
        data.batch = data.batch % 999_999 + 1;
        data.txns.clear();
        save();
    }

    private void save() {
        if (file == null) return;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), data);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save terminal state " + file + ": " + e.getMessage(), e);
        }
    }
}
