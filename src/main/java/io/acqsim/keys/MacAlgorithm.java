package io.acqsim.keys;

import io.acqsim.iso.Profile;

/**
 * How a terminal range MACs its messages. {@link #UNIONPAY_ECB} is the UnionPay POS "ECB" MAC with a
 * single-length MAK (reference/DOMAIN.md §6); {@link #X9_19} is ANSI X9.19 / ISO 9797-1 algorithm 3
 * with a double-length MAK.
 */
public enum MacAlgorithm {
    OFF, UNIONPAY_ECB, X9_19;

    /**
     * The setting as written in the key file: {@code off}, {@code on} (the profile's usual algorithm:
     * cup UnionPay ECB, iso87a X9.19), {@code unionpay-ecb} or {@code x9.19}. {@code on} resolves per
     * profile, so it is returned as null; see {@link #resolve}.
     */
    static MacAlgorithm parse(String text) {
        return switch (text) {
            case "off", "false" -> OFF;
            case "on", "true" -> null;
            case "unionpay-ecb" -> UNIONPAY_ECB;
            case "x9.19" -> X9_19;
            default -> throw new IllegalArgumentException("'" + text + "' is not off, on, unionpay-ecb or x9.19");
        };
    }

    /** {@code configured}, or the profile's usual algorithm when the setting is {@code on} (null). */
    static MacAlgorithm resolve(MacAlgorithm configured, Profile profile) {
        if (configured != null) return configured;
        return profile == Profile.CUP ? UNIONPAY_ECB : X9_19;
    }

    /** The MAK length this algorithm needs, in bits. */
    public short makLength() {
        return this == X9_19 ? SecurityModule.DOUBLE : SecurityModule.SINGLE;
    }
}
