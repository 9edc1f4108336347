package io.acqsim.ledger.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only journal of numbered entries in segment files {@code journal-<first seq>.log} in one
 * directory. An entry on disk is {@code length (int) | seq (long) | payload | CRC-32C of seq and payload
 * (int)}; the journal knows nothing of what a payload means.
 * <p>
 * Contract: {@link #append} writes a whole group with one {@code write} and returns once the bytes are
 * in the file — in the operating system's page cache, which a {@code kill -9} of this process does not
 * lose — and, with {@code sync}, once they are on the device ({@code fdatasync}). Entries are read back
 * in sequence by {@link #replay}; a torn tail (a group the process died while writing) ends the last
 * segment and is cut off. Segments whose every entry is applied elsewhere are deleted by
 * {@link #deleteThrough}, so the journal's size stays bounded by about one segment plus what is not
 * yet applied. One thread appends; any thread may delete.
 */
public final class JournalFile implements AutoCloseable {
    /** Bytes of an entry around its payload: length, sequence number, checksum. */
    public static final int OVERHEAD = 4 + 8 + 4;
    private static final int MAX_PAYLOAD = 16 << 20;

    private final Path dir;
    private final boolean sync;
    private final long segmentBytes;
    /** Segments by the sequence number of their first entry; the last is the one appended to. */
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private FileChannel active;
    private long activeSize;
    private long lastSeq;
    private long bytesWritten;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

    private JournalFile(Path dir, boolean sync, long segmentBytes) {
        this.dir = dir;
        this.sync = sync;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens (creating) the journal in {@code dir}, hands every intact entry after {@code after} to
     * {@code replay} in sequence, cuts a torn tail off, and positions the journal to append after the
     * last entry (or after {@code after}, whichever is higher).
     *
     * @throws JournalException when a segment other than the last is damaged, or on an I/O error
     */
    public static JournalFile open(Path dir, boolean sync, long segmentBytes, long after, Consumer<Entry> replay) {
        JournalFile j = new JournalFile(dir, sync, segmentBytes);
        try {
            Files.createDirectories(dir);
            j.load(after, replay);
        } catch (IOException e) {
            throw new JournalException("cannot open the ledger journal in " + dir + ": " + e.getMessage(), e);
        }
        return j;
    }

    /** One entry read back from the journal. */
    public record Entry(long seq, byte[] payload) {
    }

    private void load(long after, Consumer<Entry> replay) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().matches("journal-\\d{20}\\.log"))
                    .forEach(p -> segments.put(Long.parseLong(p.getFileName().toString().substring(8, 28)), p));
        }
        lastSeq = after;
        List<Map.Entry<Long, Path>> all = new ArrayList<>(segments.entrySet());
        for (int i = 0; i < all.size(); i++) {
            boolean last = i == all.size() - 1;
            long good = read(all.get(i).getValue(), last, after, replay);
            if (last) {
                try (FileChannel ch = FileChannel.open(all.get(i).getValue(), StandardOpenOption.WRITE)) {
                    if (ch.size() > good) ch.truncate(good);     // the torn tail of a group being written when the process died
                }
            }
        }
        if (!segments.isEmpty()) {
            Path tail = segments.lastEntry().getValue();
            active = FileChannel.open(tail, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            activeSize = active.size();
        }
    }

    /** Reads a segment's entries; returns the length of its intact prefix. */
    private long read(Path segment, boolean last, long after, Consumer<Entry> replay) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(12);
            long pos = 0;
            while (pos < size) {
                head.clear();
                if (readFully(ch, head, pos) < 12) return torn(segment, last, pos, "a short entry header");
                head.flip();
                int length = head.getInt();
                long seq = head.getLong();
                if (length < 0 || length > MAX_PAYLOAD || pos + OVERHEAD + length > size) return torn(segment, last, pos, "an entry cut short");
                ByteBuffer body = ByteBuffer.allocate(length + 4);
                readFully(ch, body, pos + 12);
                body.flip();
                byte[] payload = new byte[length];
                body.get(payload);
                if (body.getInt() != crc(seq, payload)) return torn(segment, last, pos, "a checksum mismatch");
                if (seq > lastSeq) lastSeq = seq;
                if (seq > after) replay.accept(new Entry(seq, payload));
                pos += OVERHEAD + length;
            }
            return pos;
        }
    }

    private static long torn(Path segment, boolean last, long pos, String what) {
        if (!last) throw new JournalException("ledger journal segment " + segment + " is damaged at byte " + pos + " (" + what
                + ") and is not the last one: entries after it cannot be trusted; restore it or move the journal aside", null);
        return pos;
    }

    private static int readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    /**
     * Appends {@code payloads} as entries {@code lastSeq() + 1}, {@code + 2}, … in one write (and one
     * {@code fdatasync} with {@code sync}); returns the sequence number of the last one.
     */
    public long append(List<byte[]> payloads) {
        try {
            if (active == null || activeSize >= segmentBytes) roll();
            int bytes = 0;
            for (byte[] p : payloads) bytes += OVERHEAD + p.length;
            if (buffer.capacity() < bytes) buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(bytes) << 1);
            buffer.clear();
            long seq = lastSeq;
            for (byte[] p : payloads) {
                seq++;
                buffer.putInt(p.length).putLong(seq).put(p).putInt(crc(seq, p));
            }
            buffer.flip();
            while (buffer.hasRemaining()) active.write(buffer);
            if (sync) active.force(false);
            activeSize += bytes;
            bytesWritten += bytes;
            lastSeq = seq;
            return seq;
        } catch (IOException e) {
            throw new JournalException("ledger journal write failed in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void roll() throws IOException {
        if (active != null) active.close();
        long first = lastSeq + 1;
        Path p = dir.resolve("journal-%020d.log".formatted(first));
        active = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        activeSize = active.size();
        segments.put(first, p);
        if (sync) forceDirectory();
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the segment's own data is still forced
        }
    }

    /** Deletes every segment all of whose entries are at or below {@code appliedSeq}, except the one appended to. */
    public void deleteThrough(long appliedSeq) {
        Map.Entry<Long, Path> current = segments.firstEntry();
        while (current != null) {
            Map.Entry<Long, Path> next = segments.higherEntry(current.getKey());
            if (next == null || next.getKey() > appliedSeq + 1) return;
            try {
                Files.deleteIfExists(current.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete applied journal segment " + current.getValue(), e);
            }
            segments.remove(current.getKey());
            current = next;
        }
    }

    /** The sequence number of the last entry appended (or found at open). */
    public long lastSeq() { return lastSeq; }

    /** Bytes appended since open. */
    public long bytesWritten() { return bytesWritten; }

    /** Bytes the journal's segments take on disk now. */
    public long sizeOnDisk() {
        long total = 0;
        for (Path p : segments.values()) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // deleted meanwhile
            }
        }
        return total;
    }

    /**
     * Closes the journal; when {@code appliedSeq} covers every entry, the segments are deleted too and
     * the next open starts an empty journal.
     */
    public void close(long appliedSeq) {
        close();
        if (appliedSeq >= lastSeq) {
            for (Path p : segments.values()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete applied journal segment " + p, e);
                }
            }
            segments.clear();
        }
    }

    @Override
    public void close() {
        try {
            if (active != null) active.close();
            active = null;
        } catch (IOException e) {
            throw new JournalException("closing the ledger journal failed: " + e.getMessage(), e);
        }
    }

    private static int crc(long seq, byte[] payload) {
        CRC32C c = new CRC32C();
        for (int i = 56; i >= 0; i -= 8) c.update((int) (seq >>> i));
        c.update(payload);
        return (int) c.getValue();
    }
}
