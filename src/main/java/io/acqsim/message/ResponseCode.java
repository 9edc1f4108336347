package io.acqsim.message;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A response code (field 39) as PRODUCT.md §4.2 lists them. The host's own decisions use the constants;
 * codes it does not decide itself (an issuer rule's configured decline, a code read from another host's
 * answer) are kept as read through {@link #of(String)}, so any two-character code is representable.
 * Equal codes are equal values; the constants are the canonical instances {@link #of} returns.
 */
public record ResponseCode(String code) {
    public static final ResponseCode APPROVED = new ResponseCode("00");
    public static final ResponseCode INVALID_MERCHANT = new ResponseCode("03");
    public static final ResponseCode DO_NOT_HONOUR = new ResponseCode("05");
    public static final ResponseCode INVALID_TRANSACTION = new ResponseCode("12");
    public static final ResponseCode INVALID_AMOUNT = new ResponseCode("13");
    public static final ResponseCode ORIGINAL_NOT_FOUND = new ResponseCode("25");
    public static final ResponseCode FORMAT_ERROR = new ResponseCode("30");
    public static final ResponseCode INSUFFICIENT_FUNDS = new ResponseCode("51");
    public static final ResponseCode EXPIRED_CARD = new ResponseCode("54");
    public static final ResponseCode NOT_PERMITTED_TO_TERMINAL = new ResponseCode("58");
    public static final ResponseCode EXCEEDS_AMOUNT_LIMIT = new ResponseCode("61");
    public static final ResponseCode SECURITY_VIOLATION = new ResponseCode("63");
    public static final ResponseCode BATCH_NUMBER_MISMATCH = new ResponseCode("77");
    /** Incorrect PIN (an issuer rule's decline of a purchase with an online PIN). */
    public static final ResponseCode INCORRECT_PIN = new ResponseCode("55");
    /** cup: MAC error, the terminal must sign on again (reference/DOMAIN.md §1); iso87a answers 63 instead. */
    public static final ResponseCode MAC_ERROR = new ResponseCode("A0");
    public static final ResponseCode ISSUER_UNAVAILABLE = new ResponseCode("91");
    public static final ResponseCode DUPLICATE = new ResponseCode("94");
    public static final ResponseCode RECONCILE_ERROR = new ResponseCode("95");
    public static final ResponseCode SYSTEM_MALFUNCTION = new ResponseCode("96");

    private static final Map<ResponseCode, String> MEANING = Map.ofEntries(
            Map.entry(APPROVED, "approved"), Map.entry(INVALID_MERCHANT, "invalid merchant"),
            Map.entry(DO_NOT_HONOUR, "do not honour"), Map.entry(INVALID_TRANSACTION, "invalid transaction"),
            Map.entry(INVALID_AMOUNT, "invalid amount"), Map.entry(ORIGINAL_NOT_FOUND, "original not found"),
            Map.entry(FORMAT_ERROR, "format error"), Map.entry(INSUFFICIENT_FUNDS, "insufficient funds"),
            Map.entry(EXPIRED_CARD, "expired card"), Map.entry(NOT_PERMITTED_TO_TERMINAL, "not permitted to terminal"),
            Map.entry(EXCEEDS_AMOUNT_LIMIT, "exceeds amount limit"), Map.entry(SECURITY_VIOLATION, "security violation"),
            Map.entry(BATCH_NUMBER_MISMATCH, "batch number mismatch"), Map.entry(ISSUER_UNAVAILABLE, "issuer unavailable"),
            Map.entry(DUPLICATE, "duplicate"), Map.entry(RECONCILE_ERROR, "reconcile error"),
            Map.entry(SYSTEM_MALFUNCTION, "system malfunction"), Map.entry(INCORRECT_PIN, "incorrect PIN"),
            Map.entry(MAC_ERROR, "MAC error, sign on again"));

    private static final Map<String, ResponseCode> KNOWN = MEANING.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(ResponseCode::code, Function.identity()));

    public ResponseCode {
        Objects.requireNonNull(code, "code");
        if (code.length() != 2) throw new IllegalArgumentException("a response code is two characters, not '" + code + "'");
    }

    /** The code for {@code text}: one of the constants when known, else a new value; throws if not two characters. */
    public static ResponseCode of(String text) {
        ResponseCode known = KNOWN.get(text);
        return known != null ? known : new ResponseCode(text);
    }

    /** The code for {@code text}, or null when {@code text} is null (an answer without field 39). */
    public static ResponseCode ofNullable(String text) {
        return text == null ? null : of(text);
    }

    public boolean approved() {
        return this.equals(APPROVED);
    }

    /** The code in words ("insufficient funds"), or "" for a code PRODUCT.md does not list. */
    public String meaning() {
        return MEANING.getOrDefault(this, "");
    }

    /** All codes PRODUCT.md lists, in code order. */
    public static Stream<ResponseCode> known() {
        return MEANING.keySet().stream().sorted(java.util.Comparator.comparing(ResponseCode::code));
    }

    @Override
    public String toString() {
        return code;
    }
}
