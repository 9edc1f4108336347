package io.acqsim.capture;

/**
 * Something in a capture that could not be read or was skipped.
 *
 * @param frame  the number of the packet it is about, as Wireshark numbers them (the first is 1); for a
 *               problem with the file's structure, the number the next packet would have had
 * @param reason what is wrong and what was skipped, in words for the user
 */
public record CaptureProblem(long frame, String reason) {
    @Override
    public String toString() {
        return "frame " + frame + ": " + reason;
    }
}
