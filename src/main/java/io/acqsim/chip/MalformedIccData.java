package io.acqsim.chip;

/** Chip data (field 55) or a download request that cannot be read; the message never quotes the data. */
public final class MalformedIccData extends Exception {
    public MalformedIccData(String problem) {
        super(problem);
    }
}
