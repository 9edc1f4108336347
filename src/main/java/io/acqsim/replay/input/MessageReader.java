package io.acqsim.replay.input;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of recorded messages from one input, in the order the input holds them, read in constant
 * memory whatever the input's size. A malformed record goes to the {@link Problems} the reader was
 * opened with and is skipped.
 */
public interface MessageReader extends Closeable {
    /** The next message, or null at the end of the input. */
    RecordedMessage next() throws IOException;
}
