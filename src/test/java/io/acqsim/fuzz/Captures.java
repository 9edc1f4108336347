package io.acqsim.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.replay.input.CaptureMessageReader;
import io.acqsim.replay.input.FrameUnpacker;
import io.acqsim.replay.input.Problems;

/**
 * Fuzz target {@code replay-pcap}: a pcap or pcapng capture read by {@link CaptureMessageReader} (TCP
 * reassembly, framing, unpacking; see {@link Replay}). The reader takes a file, so each input is written
 * to one temporary file per thread; the first byte's low bit picks the profile, the rest is the file.
 */
public final class Captures {
    private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
        try {
            Path f = Files.createTempFile("acqsim-fuzz-", ".pcap");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the fuzz target's temporary file", e);
        }
    });

    private Captures() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.REPLAY_PCAP.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        if (data.length == 0) return;
        Profile profile = (data[0] & 1) == 0 ? Profile.CUP : Profile.ISO87A;
        FrameUnpacker unpacker = new FrameUnpacker(profile, Packagers.load(TestHost.PACKAGERS, profile));
        Path file = FILE.get();
        Files.write(file, Arrays.copyOfRange(data, 1, data.length));
        Contract.refusals(() -> Replay.drain(new CaptureMessageReader(file, unpacker, Replay.checkedProblems()), data.length),
                List.of(Problems.InputFailure.class, IOException.class));
    }
}
