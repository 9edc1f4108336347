package io.acqsim.replay.input;

import java.time.Instant;

/**
 * A reader whose input records, besides {@link RecordedMessage#at()}, the wall-clock time of each message:
 * acqsim's log gives a message its simulated instant, which stands still on a manual clock, and the
 * wall time tells the order of messages with the same simulated instant in different files (rotated logs).
 */
interface WallClock {
    /** The wall-clock time of the message {@code next()} returned last; null when unknown. */
    Instant lastWallTime();
}
