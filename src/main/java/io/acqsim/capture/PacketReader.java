package io.acqsim.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The packet records of one capture file, in file order, streamed: the file is never held in memory
 * whole. A malformed record is reported to the problem sink the reader was opened with; where the
 * format gives no way to find the next record (a bad length, a truncated file) the reader reports it and
 * ends, so everything before the damage is still read.
 *
 * <p>Why our own reader rather than a libpcap binding: the maintained Java binding on the FFM API
 * (jNetPcap 3, {@code com.slytechs.sdk}) cannot be resolved from the Maven Central this project builds
 * against, nor can its 2.x wrapper; a binding would also need the native libpcap on every machine and in
 * CI, while the two formats are short, documented block layouts (pcap: libpcap's savefile format; pcapng:
 * the IETF draft "PCAP Next Generation Dump File Format") that take a few hundred lines to read.
 */
public interface PacketReader extends Closeable {
    /** The next packet record, or null at the end of the readable file. */
    Packet next() throws IOException;

    /**
     * Opens {@code file} as pcap or pcapng, whichever its first bytes say.
     *
     * @throws NotACaptureException when it is neither
     */
    static PacketReader open(Path file, Consumer<CaptureProblem> problems) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(16);
            byte[] first = in.readNBytes(12);
            in.reset();
            CaptureFormat format = CaptureFormat.of(first);
            if (format == null) {
                throw new NotACaptureException(file.getFileName() + " is not a pcap or pcapng capture (it starts with "
                        + (first.length == 0 ? "nothing: it is empty" : HexFormat.ofDelimiter(" ").formatHex(first, 0, Math.min(4, first.length))) + ")");
            }
            return format == CaptureFormat.PCAP ? new PcapReader(in, problems) : new PcapngReader(in, problems);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
