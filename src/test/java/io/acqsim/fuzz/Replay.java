package io.acqsim.fuzz;

import java.io.IOException;

import io.acqsim.replay.input.InputProblem;
import io.acqsim.replay.input.MessageReader;
import io.acqsim.replay.input.Problems;

/**
 * What the replay readers promise for any input: messages, then null; a record that cannot be read is
 * reported to {@link Problems} with a reason and skipped; an input that cannot be read at all is an
 * {@link Problems.InputFailure} or an IOException, with a message. The reader must end: it may not yield
 * more messages than the input has bytes.
 */
final class Replay {
    private Replay() {
    }

    /** Problems are checked as they come: each must name a reason. */
    static Problems checkedProblems() {
        return (InputProblem p) -> Contract.requireText("the reason of a skipped record at " + p.origin(), p.reason());
    }

    static void drain(MessageReader reader, int inputBytes) throws IOException {
        try (reader) {
            int n = 0;
            while (reader.next() != null) {
                if (++n > inputBytes + 1) throw new Contract.Broken("more messages (" + n + ") than input bytes (" + inputBytes + "): the reader does not end", null);
            }
        }
    }
}
