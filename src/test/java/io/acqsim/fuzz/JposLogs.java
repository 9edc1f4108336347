package io.acqsim.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import io.acqsim.replay.input.JposLogReader;
import io.acqsim.replay.input.Problems;

/** Fuzz target {@code replay-xml}: a jPOS XML message log read by {@link JposLogReader} (see {@link Replay}). */
public final class JposLogs {
    private static final Path FILE = Path.of("fuzz-q2.log");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private JposLogs() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.REPLAY_XML.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        String text = Texts.utf8(data);
        Contract.refusals(() -> Replay.drain(new JposLogReader(FILE, new StringReader(text), ZONE, Replay.checkedProblems()), data.length),
                List.of(Problems.InputFailure.class, IOException.class));
    }
}
