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
 * The banks' receipts of one host, in a file ({@link #open}) or in memory ({@link #inMemory}).
 * <p>
 * On disk the log is one tab-separated line per receipt, appended and forced to the device
 * before {@link #credit} returns, so a receipt outlives a {@code kill -9} or a power cut that follows it. A
 * last line without its newline was torn by a crash before it was durable (so before the ledger could
 * record the payment): it is dropped on open. Any other line that does not parse stops the open with its
 * line number. Not thread-safe: the engine calls it under the scheduler's lock.
 */
final class ReceiptLog implements BankReceipts {
    private final Map<String, Receipt> byCredit = new LinkedHashMap<>();
    private final FileChannel file;
    private final Path path;
    private int recognised;

    private ReceiptLog(FileChannel file, Path path) {
        this.file = file;
        this.path = path;
    }

    /** Receipts kept in memory only, lost with the process (tests and benchmarks that never restart). */
    static ReceiptLog inMemory() {
        return new ReceiptLog(null, null);
    }

    /** The durable log at {@code path}, created with its directory if missing. */
    static ReceiptLog open(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ReceiptLog r = new ReceiptLog(ch, path);
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

    private static String line(Receipt r) {
        return String.join("\t", r.creditId(), r.payoutId(), r.bank(), r.merchantId(), Long.toString(r.amount()), r.currency(),
                r.at().toString()) + "\n";
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

    @Override
    public Optional<Receipt> find(String creditId) {
        return Optional.ofNullable(byCredit.get(creditId));
    }

    /** In one write and one force. */
    @Override
    public List<Receipt> credit(List<Receipt> receipts) {
        List<Receipt> added = new ArrayList<>(receipts.size());
        Set<String> ids = new HashSet<>();
        StringBuilder lines = new StringBuilder();
        for (Receipt r : receipts) {
            if (byCredit.containsKey(r.creditId()) || !ids.add(r.creditId())) continue;
            added.add(r);
            lines.append(line(r));
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

    @Override
    public void recognised() {
        recognised++;
    }

    @Override
    public int recognisedCount() {
        return recognised;
    }

    @Override
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
