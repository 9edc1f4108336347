package io.acqsim.fuzz;

import java.nio.charset.StandardCharsets;

/** Fuzz input as the text a file or request body would hold (UTF-8, malformed sequences replaced, as the product reads it). */
final class Texts {
    private Texts() {
    }

    static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
