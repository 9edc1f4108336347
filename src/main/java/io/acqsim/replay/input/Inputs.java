package io.acqsim.replay.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;

/**
 * Opens the replay's input files as one {@link MessageReader}. Each file's format is told by its content,
 * never its name: a gzip file (magic {@code 1f 8b}) is looked into; a pcap or pcapng capture goes to
 * {@link CaptureMessageReader}; text whose first character other than white space (after a byte-order
 * mark) is {@code <} is a jPOS XML message log ({@link JposLogReader}); any other text a hex dump
 * ({@link HexDumpReader}). Several files are merged into one stream by time ({@link MergingReader}: ties
 * in argument order, a file's own order kept, files without times first), so rotated logs given in any
 * order ({@code q2.log q2.log.1 q2.log.2.gz}) come out in time order.
 */
public final class Inputs {
    /** Enough of a file to tell its format. */
    private static final int HEAD = 4096;

    private Inputs() {
    }

    /**
     * The messages of {@code files}, merged by time.
     *
     * @param profile     the wire profile that captures and hex dumps are unpacked with
     * @param packagerDir where the profile's packager is ({@link Packagers#load})
     * @param logZone     the zone of times written without one (jPOS 3's {@code at}, hex-dump times)
     * @param problems    where records that cannot be read go
     * @throws Problems.InputFailure for a file that is missing, a directory, unreadable, empty (or only white
     *                               space), gzip that does not decompress, a gzip-compressed capture
     *                               (decompress it first), or a capture or hex dump when {@code profile} is
     *                               null; the files opened before it are closed again
     */
    public static MessageReader open(List<Path> files, Profile profile, Path packagerDir, ZoneId logZone, Problems problems)
            throws IOException {
        if (files.isEmpty()) throw new IllegalArgumentException("no input files");
        Unpackers unpackers = new Unpackers(profile, packagerDir);
        List<MessageReader> readers = new ArrayList<>(files.size());
        try {
            for (Path f : files) readers.add(open(f, unpackers, logZone, problems));
        } catch (IOException | RuntimeException e) {
            for (MessageReader r : readers) {
                try {
                    r.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return readers.size() == 1 ? readers.get(0) : new MergingReader(readers);
    }

    private static MessageReader open(Path file, Unpackers unpackers, ZoneId logZone, Problems problems) throws IOException {
        byte[] raw = head(file);
        if (CaptureMessageReader.looksLikeCapture(raw)) return new CaptureMessageReader(file, unpackers.get(file), problems);
        byte[] content = raw;
        if (InputFile.isGzip(raw)) {
            try {
                content = InputFile.contentHead(file, HEAD);
            } catch (IOException e) {
                throw failure(file, "gzip file that does not decompress: " + e.getMessage());
            }
            if (CaptureMessageReader.looksLikeCapture(content)) {
                throw failure(file, "a gzip-compressed capture; decompress it first (gunzip)");
            }
        }
        return switch (TextFormat.of(content)) {
            case EMPTY -> throw failure(file, "empty" + (content == raw ? "" : " after decompression"));
            case XML -> new JposLogReader(file, logZone, problems);
            case HEX -> new HexDumpReader(file, unpackers.get(file), logZone, problems);
        };
    }

    private static byte[] head(Path file) {
        if (Files.isDirectory(file)) throw failure(file, "a directory, not a file");
        try {
            byte[] raw = InputFile.rawHead(file, HEAD);
            if (raw.length == 0) throw failure(file, "empty");
            return raw;
        } catch (NoSuchFileException e) {
            throw failure(file, "no such file");
        } catch (IOException e) {
            throw failure(file, "cannot be read: " + e.getMessage());
        }
    }

    private static Problems.InputFailure failure(Path file, String reason) {
        return new Problems.InputFailure(new InputProblem(Origin.line(file, 0), reason + " (" + file + ")"));
    }

    /** The profile's unpacker, made when the first capture or hex dump needs it (jPOS logs do not). */
    private static final class Unpackers {
        private final Profile profile;
        private final Path packagerDir;
        private FrameUnpacker unpacker;

        Unpackers(Profile profile, Path packagerDir) {
            this.profile = profile;
            this.packagerDir = packagerDir;
        }

        /** The unpacker for {@code file}, a capture or hex dump: its frames name no profile, so --profile must. */
        FrameUnpacker get(Path file) {
            if (profile == null) throw failure(file, "a capture or hex dump, whose frames name no profile: give --profile cup|iso87a");
            if (unpacker == null) unpacker = new FrameUnpacker(profile, Packagers.load(packagerDir, profile));
            return unpacker;
        }
    }
}
