package io.acqsim.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.replay.input.FrameUnpacker;
import io.acqsim.replay.input.HexDumpReader;
import io.acqsim.replay.input.Problems;

/**
 * Fuzz target {@code replay-hex}: a hex dump read by {@link HexDumpReader} (see {@link Replay}); the first
 * byte's low bit picks the profile its frames are unpacked with, the rest is the file's text.
 */
public final class HexDumps {
    private static final Path FILE = Path.of("fuzz-frames.hex");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private HexDumps() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.REPLAY_HEX.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        if (data.length == 0) return;
        Profile profile = (data[0] & 1) == 0 ? Profile.CUP : Profile.ISO87A;
        FrameUnpacker unpacker = new FrameUnpacker(profile, Packagers.load(TestHost.PACKAGERS, profile));
        String text = Texts.utf8(java.util.Arrays.copyOfRange(data, 1, data.length));
        Contract.refusals(() -> Replay.drain(new HexDumpReader(FILE, new StringReader(text), unpacker, ZONE, Replay.checkedProblems()), data.length),
                List.of(Problems.InputFailure.class, IOException.class));
    }
}
