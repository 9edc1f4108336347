package io.acqsim.replay.input;

/** A record that could not be read: where it is and why. The reader skips it and goes on. */
public record InputProblem(Origin origin, String reason) {
    @Override
    public String toString() {
        return origin + ": " + reason;
    }
}
