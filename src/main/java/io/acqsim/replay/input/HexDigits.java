package io.acqsim.replay.input;

/** ASCII hex digits only: Character.digit would also take the digits of other scripts. */
final class HexDigits {
    private HexDigits() {
    }

    /** The value of {@code c} as a hex digit (either case), or -1. */
    static int value(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }
}
