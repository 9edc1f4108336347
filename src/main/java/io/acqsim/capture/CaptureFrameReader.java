package io.acqsim.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The length-prefixed frames of every TCP connection in a capture file, in the order the capture
 * completed them (across connections), streamed in bounded memory. Drives the pipeline: packets
 * ({@link PacketReader}) → TCP segments ({@link TcpDecoder}) → ordered streams ({@link TcpReassembler}) →
 * frames ({@link FrameCutter}, one per direction). Problems go to the sink it was given and are skipped.
 * <p>
 * Order: a frame comes out when no direction that is still looking for a frame boundary holds bytes from
 * an earlier packet, so frames found by resynchronisation keep their place. Should more than
 * {@value #MAX_WAITING} frames wait on such a direction, they come out anyway and the late frames follow
 * out of order (each still with its own packet number and time).
 */
public final class CaptureFrameReader implements Closeable {
    static final int MAX_WAITING = 4096;

    private record Waiting(CapturedFrame frame, long seq) {
    }

    private final PacketReader packets;
    private final TcpDecoder decoder;
    private final TcpReassembler reassembler;
    private final PriorityQueue<Waiting> ready = new PriorityQueue<>(
            Comparator.comparingLong((Waiting w) -> w.frame().number()).thenComparingLong(Waiting::seq));
    private final Set<FrameCutter> searching = Collections.newSetFromMap(new IdentityHashMap<>());
    private long seq;
    private PacketRef last = new PacketRef(0, null);
    private boolean finished;

    /**
     * @param plausible whether a frame body found while looking for a frame boundary is a real frame (see
     *                  {@link FrameCutter}); never asked about frames of a stream in step
     */
    public CaptureFrameReader(PacketReader packets, FramingRules rules, Predicate<byte[]> plausible, Consumer<CaptureProblem> problems) {
        this.packets = packets;
        this.decoder = new TcpDecoder(problems);
        this.reassembler = new TcpReassembler((connection, fromClient, fromStart) ->
                new FrameCutter(connection.direction(fromClient), fromStart, rules, plausible,
                        (body, at) -> ready.add(new Waiting(new CapturedFrame(at.number(), at.at(), connection, fromClient, body), seq++)),
                        problems, this::track), problems);
    }

    /**
     * Opens {@code file} (pcap or pcapng).
     *
     * @throws NotACaptureException when it is neither
     */
    public static CaptureFrameReader open(Path file, FramingRules rules, Predicate<byte[]> plausible, Consumer<CaptureProblem> problems)
            throws IOException {
        return new CaptureFrameReader(PacketReader.open(file, problems), rules, plausible, problems);
    }

    /** The next frame, or null at the end of the capture. */
    public CapturedFrame next() throws IOException {
        while (true) {
            Waiting w = ready.peek();
            if (w != null && (finished || ready.size() > MAX_WAITING || w.frame().number() <= oldestHeld())) return ready.poll().frame();
            if (finished) return null;
            Packet p = packets.next();
            if (p == null) {
                reassembler.finish(last);
                finished = true;
                continue;
            }
            last = p.ref();
            TcpSegment s = decoder.decode(p);
            if (s != null) reassembler.accept(s, last);
        }
    }

    private void track(FrameCutter c) {
        if (c.oldestHeld() == Long.MAX_VALUE) searching.remove(c);
        else searching.add(c);
    }

    private long oldestHeld() {
        long oldest = Long.MAX_VALUE;
        for (FrameCutter c : searching) oldest = Math.min(oldest, c.oldestHeld());
        return oldest;
    }

    @Override
    public void close() throws IOException {
        packets.close();
    }
}
