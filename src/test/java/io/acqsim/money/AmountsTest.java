package io.acqsim.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {

    @Test
    void majorUnitsBecomeFenUpToTwelveDigits() {
        assertEquals(1234, Amounts.parse("12.34"));
        assertEquals(1200, Amounts.parse("1.2e1"));
        assertEquals(999_999_999_999L, Amounts.parse("9999999999.99"));
        assertEquals("12.34", Amounts.format(1234));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000", "1e10", "0", "-1", "1.234", "abc"})
    void anythingElseIsRefusedWithAReason(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Amounts.parse(s));
        assertTrue(e.getMessage().contains(s), e.getMessage());
    }

    /** Found by fuzzing (script): comparing such an amount with the limit computed 10^100000000, for minutes. */
    @ParameterizedTest
    @ValueSource(strings = {"1e100000000", "1E999999999", "1e-100000000"})
    void hugeExponentsAreRefusedAtOnce(String s) {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThrows(IllegalArgumentException.class, () -> Amounts.parse(s)));
    }
}
