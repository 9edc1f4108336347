package io.acqsim.payout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the emulated settlement banks credited: one receipt per credit, keyed by its credit id (the payout
 * id; for the second and later part of a payout split by a daily limit, {@code PAYOUT-ID/N}). A credit
 * id is credited at most once, whatever is sent again: after a crash between the bank's credit and the
 * ledger's "PAID", the {@link PayoutEngine} finds the receipt and records the payment the bank made then,
 * instead of paying twice.
 * <p>
 * On disk ({@link #open}) the log is one tab-separated line per receipt, appended and forced to the device
 * before {@link #credit} returns, so a receipt outlives a {@code kill -9} or a power cut that follows it. A
 * last line without its newline was torn by a crash before it was durable (so before the ledger could
 * record the payment): it is dropped on open. Any other line that does not parse stops the open with its
 * line number. Not thread-safe: the engine calls it under the scheduler's lock.
 */
public final class BankReceipts implements AutoCloseable {
    /** One credit to a merchant's account. */
    public record Receipt(String creditId, String payoutId, String bank, String merchantId, long amount, String currency, Instant at) {
        String line() {
            return String.join("\t", creditId, payoutId, bank, merchantId, Long.toString(amount), currency, at.toString()) + "\n";
        }
    }

    private final Map<String, Receipt> byCredit = new LinkedHashMap<>();
    private final FileChannel file;
    private final Path path;
    private int recognised;

    private BankReceipts(FileChannel file, Path path) {
        this.file = file;
        this.path = path;
    }

    /** Receipts kept in memory only, lost with the process (tests and benchmarks that never restart). */
    public static BankReceipts inMemory() {
        return new BankReceipts(null, null);
    }

    /** The durable log at {@code path}, created with its directory if missing. */
    public static BankReceipts open(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            BankReceipts r = new BankReceipts(ch, path);
            try {
                r.load();
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the bank's receipt log " + path + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, complete).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            Receipt r = parse(lines[i], i + 1);
            byCredit.putIfAbsent(r.creditId(), r);
        }
        if (complete < text.length()) file.truncate(text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);   // the torn tail
        file.position(file.size());
    }

    private Receipt parse(String line, int number) {
        String[] f = line.split("\t", -1);
        try {
            if (f.length != 7) throw new IllegalArgumentException("7 tab-separated fields expected, found " + f.length);
            return new Receipt(f[0], f[1], f[2], f[3], Long.parseLong(f[4]), f[5], Instant.parse(f[6]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalStateException("bank receipt log " + path + " line " + number + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The receipt of {@code creditId}, if the bank credited it. */
    public Optional<Receipt> find(String creditId) {
        return Optional.ofNullable(byCredit.get(creditId));
    }

    /**
     * Credits each receipt whose credit id the bank has not credited yet, durably, in one write and one
     * force; the others are left as they were. Returns what was credited now.
     */
    public List<Receipt> credit(List<Receipt> receipts) {
        List<Receipt> added = new ArrayList<>(receipts.size());
        Set<String> ids = new HashSet<>();
        StringBuilder lines = new StringBuilder();
        for (Receipt r : receipts) {
            if (byCredit.containsKey(r.creditId()) || !ids.add(r.creditId())) continue;
            added.add(r);
            lines.append(r.line());
        }
        if (added.isEmpty()) return added;
        if (file != null) {
            try {
                ByteBuffer b = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) file.write(b);
                file.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("the bank cannot write its receipt log " + path + ": " + e.getMessage(), e);
            }
        }
        for (Receipt r : added) byCredit.put(r.creditId(), r);
        return added;
    }

    /** Counts a credit sent again and recognised by its receipt (for the log and tests). */
    void recognised() {
        recognised++;
    }

    /** Credits sent again and recognised since this log was opened. */
    public int recognisedCount() {
        return recognised;
    }

    /** Every receipt, in the order credited. */
    public List<Receipt> all() {
        return List.copyOf(byCredit.values());
    }

    @Override
    public void close() {
        if (file == null) return;
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
