package io.acqsim.replay.input;

import java.io.IOException;
import java.nio.file.Path;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.capture.CaptureFormat;
import io.acqsim.capture.CaptureFrameReader;
import io.acqsim.capture.CaptureProblem;
import io.acqsim.capture.CapturedFrame;
import io.acqsim.capture.FramingRules;
import io.acqsim.capture.NotACaptureException;

/**
 * Reads the ISO 8583 messages of a pcap or pcapng capture of POS traffic: every TCP connection's two
 * directions are reassembled, cut into frames at the 2-byte length prefix and unpacked with a
 * {@link FrameUnpacker} (the profile's header, then the message). One {@link RecordedMessage} per frame, in
 * the order the capture completed them: {@link Origin#frame} is the number Wireshark shows for the
 * packet that brought the frame's last byte, {@code at} that packet's time, {@code connection} the TCP
 * connection client first ({@code 10.0.0.5:40312-10.0.0.1:8583}, the same for both directions). Streams
 * the file in bounded memory, whatever its size.
 * <p>
 * A frame that does not unpack, and whatever the capture layers skip (fragments, bytes the capture
 * missed, a damaged or truncated file), go to {@link Problems} with the file and frame number. Where a
 * connection began before the capture, or after missing bytes, the reader finds the next frame boundary
 * by unpacking candidates, and reports the bytes it skipped to get there. Frames are at most
 * {@value #MAX_FRAME} bytes: a POS message of either profile is far shorter, and a longer length prefix
 * (two ASCII characters always are) means the stream is out of step.
 */
public final class CaptureMessageReader implements MessageReader {
    /** The longest frame body accepted; see the class comment. */
    static final int MAX_FRAME = 8192;

    private final Path file;
    private final FrameUnpacker unpacker;
    private final Problems problems;
    private final CaptureFrameReader frames;

    /**
     * Opens {@code file}.
     *
     * @throws Problems.InputFailure when the file is not a pcap or pcapng capture
     */
    public CaptureMessageReader(Path file, FrameUnpacker unpacker, Problems problems) throws IOException {
        this.file = file;
        this.unpacker = unpacker;
        this.problems = problems;
        try {
            this.frames = CaptureFrameReader.open(file, new FramingRules(MAX_FRAME, 8 * MAX_FRAME), this::unpacks, this::report);
        } catch (NotACaptureException e) {
            throw new Problems.InputFailure(new InputProblem(Origin.frame(file, 0), e.getMessage()));
        }
    }

    /** Whether a file starting with {@code firstBytes} (12 of them suffice) is a pcap or pcapng capture. */
    public static boolean looksLikeCapture(byte[] firstBytes) {
        return CaptureFormat.of(firstBytes) != null;
    }

    @Override
    public RecordedMessage next() throws IOException {
        CapturedFrame f;
        while ((f = frames.next()) != null) {
            Origin origin = Origin.frame(file, f.number());
            try {
                ISOMsg m = unpacker.unpack(f.body());
                return new RecordedMessage(origin, f.connection().toString(), f.at(), m);
            } catch (ISOException e) {
                problems.report(new InputProblem(origin, "a frame of " + f.body().length + " bytes from " + f.connection().direction(f.fromClient())
                        + " does not unpack as " + unpacker.profile() + ": " + e.getMessage() + "; skipped"));
            }
        }
        return null;
    }

    private boolean unpacks(byte[] body) {
        try {
            unpacker.unpack(body);
            return true;
        } catch (ISOException e) {
            return false;
        }
    }

    private void report(CaptureProblem p) {
        problems.report(new InputProblem(Origin.frame(file, p.frame()), p.reason()));
    }

    @Override
    public void close() throws IOException {
        frames.close();
    }
}
