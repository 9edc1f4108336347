package io.acqsim.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void panLikeRunsInTextAreMaskedAndShorterNumbersAreNot() {
        assertEquals("q2.log:12: field 2 '622202*********0123' is bad, STAN 000123, RRN 000000000042, amount 000000001234",
                Masking.panLike("q2.log:12: field 2 '6222021234567890123' is bad, STAN 000123, RRN 000000000042, amount 000000001234"));
        assertEquals("411111******1111=2912", Masking.panLike("4111111111111111=2912"));
        assertEquals("a run of twenty 12345678901234567890 digits is no PAN", Masking.panLike("a run of twenty 12345678901234567890 digits is no PAN"));
        assertEquals("nothing here", Masking.panLike("nothing here"));
    }
}
