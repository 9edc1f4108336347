package io.acqsim.replay;

import java.time.Duration;
import java.util.List;

/**
 * What was replayed where, for the report's heading.
 *
 * @param target        host:port (profile) of each target
 * @param messagesRead  messages read from the inputs (requests and responses)
 * @param orphans       recorded responses no request of the input claimed
 * @param clockMoves    --follow-clock: clock moves made, and requests recorded before the host's clock ({@code clockBehind})
 * @param stopped       the run was stopped early (Ctrl-C): the figures cover what was done
 */
public record ReplaySummary(List<String> inputs, String target, String pace, boolean compare, boolean verbatim,
                            long messagesRead, long orphans, long clockMoves, long clockBehind, Duration elapsed, boolean stopped) {
}
