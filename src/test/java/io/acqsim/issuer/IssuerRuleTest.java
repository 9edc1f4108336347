package io.acqsim.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IssuerRuleTest {

    /** The amount-suffix condition means "field 4 (12 digits, zero-padded) ends with these digits". */
    @Test
    void amountSuffixMatchesTheZeroPaddedField4() {
        assertTrue(IssuerRule.endsWith(10_051, "51"));
        assertTrue(IssuerRule.endsWith(10_051, "0051"));
        assertTrue(IssuerRule.endsWith(51, "000000000051"));
        assertTrue(IssuerRule.endsWith(0, "00"));
        assertFalse(IssuerRule.endsWith(10_051, "151"));
        assertFalse(IssuerRule.endsWith(5, "15"));
        SplittableRandom random = new SplittableRandom(7);
        String[] suffixes = {"0", "5", "51", "00", "051", "99", "0000", "123456789012", "000000000001"};
        for (int i = 0; i < 20_000; i++) {
            long amount = i < 1_000 ? i : random.nextLong(1_000_000_000_000L);
            for (String s : suffixes) {
                assertEquals(String.format("%012d", amount).endsWith(s), IssuerRule.endsWith(amount, s), amount + " ends with " + s);
            }
        }
    }
}
