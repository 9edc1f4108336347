package io.acqsim.cli;

import java.util.Map;

/** The response codes of PRODUCT.md §4.2 in words, for people reading CLI output. */
final class ResponseCodes {
    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("00", "approved"), Map.entry("03", "invalid merchant"), Map.entry("05", "do not honour"),
            Map.entry("12", "invalid transaction"), Map.entry("13", "invalid amount"), Map.entry("25", "original not found"),
            Map.entry("30", "format error"), Map.entry("51", "insufficient funds"), Map.entry("54", "expired card"),
            Map.entry("58", "not permitted to terminal"), Map.entry("61", "exceeds amount limit"), Map.entry("63", "security violation"),
            Map.entry("77", "batch number mismatch"), Map.entry("91", "issuer unavailable"), Map.entry("94", "duplicate"),
            Map.entry("95", "reconcile error"), Map.entry("96", "system malfunction"));

    private ResponseCodes() {
    }

    static String describe(String rc) {
        return TEXT.getOrDefault(rc, "");
    }
}
