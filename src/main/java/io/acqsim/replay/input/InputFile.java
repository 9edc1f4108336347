package io.acqsim.replay.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input file's content, gunzipped when it is gzip-compressed. Compression is recognised by the
 * gzip magic bytes {@code 1f 8b}, never by the name, so a rotated {@code q2.log.3} that was compressed
 * without renaming reads as well as {@code q2.log.3.gz}. Several concatenated gzip members read as one.
 */
final class InputFile {
    private static final int BUFFER = 1 << 16;

    private InputFile() {
    }

    static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    }

    /** Up to {@code n} bytes from the start of the file as stored (not decompressed). */
    static byte[] rawHead(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    /** Up to {@code n} bytes from the start of the content (decompressed when the file is gzip). */
    static byte[] contentHead(Path file, int n) throws IOException {
        try (InputStream in = open(file)) {
            return in.readNBytes(n);
        }
    }

    /** The content as a buffered stream, decompressed when the file is gzip. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            byte[] magic = raw.readNBytes(2);
            raw.reset();
            return isGzip(magic) ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The content as UTF-8 text (what jPOS's log writers produce). Bytes that are not UTF-8 become U+FFFD
     * instead of failing the whole file: a Latin-1 merchant name in a foreign log costs one character.
     */
    static Reader openText(Path file) throws IOException {
        return new InputStreamReader(open(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}
