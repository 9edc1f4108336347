package io.acqsim.replay.input;

import java.nio.file.Path;

/**
 * Where a recorded message (or a problem with one) came from, as a user finds it again: a file and a
 * line ({@code q2.log:1234}) for text inputs, a file and a frame number ({@code shop.pcapng frame 17}) for
 * captures, whose frame numbers are the ones Wireshark shows (first packet is 1).
 */
public record Origin(String file, Unit unit, long number) {
    public enum Unit { LINE, FRAME }

    public static Origin line(Path file, long line) {
        return new Origin(name(file), Unit.LINE, line);
    }

    public static Origin frame(Path file, long frame) {
        return new Origin(name(file), Unit.FRAME, frame);
    }

    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    @Override
    public String toString() {
        return unit == Unit.LINE ? file + ":" + number : file + " frame " + number;
    }
}
