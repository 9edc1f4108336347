package io.acqsim.replay;

/**
 * One difference between a live answer and the recorded one.
 *
 * @param mti      the request's MTI
 * @param field    the field number ("39", "127.2"), "header", or {@value #ANSWER} for an answer missing or unexpected
 * @param expected what the rule wanted (recorded value, the request's value for echo, "present"/"absent")
 * @param got      what the live answer had ("absent" when it lacked the field, "none" when no answer came)
 * @param origin   where the request is in the input (file and line or frame)
 */
public record Mismatch(long sequence, String mti, String tid, String stan, String field, String expected, String got, String origin) {
    public static final String ANSWER = "answer";
    public static final String NONE = "none";
}
