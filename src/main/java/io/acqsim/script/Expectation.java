package io.acqsim.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jpos.iso.ISOMsg;

import io.acqsim.message.ResponseCode;

/**
 * What a step's answer must look like. Every part is optional; an empty expectation only asks that an
 * answer came. {@code rc} lists the acceptable response codes ("none": no answer in time);
 * {@code mandatory} fields must be in the response, {@code echoed} ones in the response with the
 * request's value, {@code absent} ones not in the response; {@code equals} maps fields to values.
 * For {@code settle}, {@code rc} is the last answer's (0510, or the answer to the closing message after
 * an upload), {@code balanced} says whether the first 0510 was 00 (true) or 95 (false) and
 * {@code uploaded} how many batch-upload messages were sent.
 */
public record Expectation(List<String> rc, List<Integer> mandatory, List<Integer> echoed, List<Integer> absent,
                          Map<Integer, String> equals, Boolean balanced, Integer uploaded) {

    public static final String NO_ANSWER = "none";
    public static final Expectation ANSWERED = new Expectation(List.of(), List.of(), List.of(), List.of(), Map.of(), null, null);

    public boolean isEmpty() {
        return rc.isEmpty() && mandatory.isEmpty() && echoed.isEmpty() && absent.isEmpty() && equals.isEmpty()
                && balanced == null && uploaded == null;
    }

    /**
     * Checks {@code request}/{@code response} (response null: no answer); {@code firstRc} and
     * {@code uploads} are the settlement's, else null and 0. {@code resolve} expands ${name} in values.
     * Returns the unmet parts, each one readable line; empty when all are met.
     */
    public List<String> check(ISOMsg request, ISOMsg response, String firstRc, int uploads, UnaryOperator<String> resolve) {
        List<String> failed = new ArrayList<>();
        String got = response == null ? NO_ANSWER : String.valueOf(response.getString(39));
        if (rc.isEmpty()) {
            if (response == null) failed.add("no answer in time (expected an answer; write rc: none to expect none)");
        } else if (!rc.contains(got)) {
            failed.add("rc: expected " + String.join(" or ", rc) + ", got " + got);
        }
        if (response != null) {
            for (int f : mandatory) if (!response.hasField(f)) failed.add("mandatory: field " + f + " is not in the response");
            for (int f : echoed) {
                String req = request == null ? null : request.getString(f);
                String rsp = response.getString(f);
                if (req == null) failed.add("echoed: field " + f + " is not in the request");
                else if (rsp == null) failed.add("echoed: field " + f + " is not in the response (request had " + req + ")");
                else if (!req.equals(rsp)) failed.add("echoed: field " + f + " is " + rsp + " in the response, " + req + " in the request");
            }
            for (int f : absent) if (response.hasField(f)) failed.add("absent: field " + f + " is in the response (" + response.getString(f) + ")");
            equals.forEach((f, v) -> {
                String want = resolve.apply(v);
                String have = response.getString(f);
                if (have == null) failed.add("equals: field " + f + " is not in the response (expected " + want + ")");
                else if (!have.equals(want)) failed.add("equals: field " + f + " is " + have + ", expected " + want);
            });
        } else if (!mandatory.isEmpty() || !echoed.isEmpty() || !equals.isEmpty()) {
            failed.add("fields: no answer to check them in");
        }
        if (balanced != null) {
            boolean wasBalanced = ResponseCode.APPROVED.code().equals(firstRc);
            if (balanced != wasBalanced) {
                failed.add("balanced: expected " + (balanced ? "a balanced settlement (0510 39=00)" : "an unbalanced settlement (0510 39=95)")
                        + ", the 0510 answered " + (firstRc == null ? NO_ANSWER : firstRc));
            }
        }
        if (uploaded != null && uploaded != uploads) failed.add("uploaded: expected " + uploaded + " batch-upload messages, sent " + uploads);
        return failed;
    }

    /** A short line of what was checked, for the report. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(rc.isEmpty() ? "answered" : "rc " + String.join("|", rc));
        if (!mandatory.isEmpty()) parts.add("mandatory " + join(mandatory));
        if (!echoed.isEmpty()) parts.add("echoed " + join(echoed));
        if (!absent.isEmpty()) parts.add("absent " + join(absent));
        if (!equals.isEmpty()) {
            StringBuilder sb = new StringBuilder("equals");
            equals.forEach((f, v) -> sb.append(' ').append(f).append('=').append(v));
            parts.add(sb.toString());
        }
        if (balanced != null) parts.add(balanced ? "balanced" : "unbalanced");
        if (uploaded != null) parts.add("uploaded " + uploaded);
        return String.join(", ", parts);
    }

    private static String join(List<Integer> fields) {
        StringBuilder sb = new StringBuilder();
        for (int f : fields) sb.append(sb.isEmpty() ? "" : " ").append(f);
        return sb.toString();
    }
}
