package io.acqsim.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DigitsTest {
    @Test
    void zeroPadsLikeStringFormat() {
        for (long v : new long[] {0, 1, 9, 10, 123_456, 999_999}) assertEquals(String.format("%06d", v), Digits.fixed(v, 6));
        for (long v : new long[] {0, 1000, 999_999_999_999L}) assertEquals(String.format("%012d", v), Digits.fixed(v, 12));
        assertEquals("9999999999999999", Digits.fixed(9_999_999_999_999_999L, 16));
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertThrows(IllegalArgumentException.class, () -> Digits.fixed(1_000_000, 6));
        assertThrows(IllegalArgumentException.class, () -> Digits.fixed(-1, 6));
    }
}
