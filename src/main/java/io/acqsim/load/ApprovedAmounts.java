package io.acqsim.load;

import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Random amounts in minor units that the shipped issuer rules (cfg/issuer.yml, PRODUCT.md §4.4) approve:
 * the last two digits are never 05, 51, 54, 61, 68 or 91.
 */
public final class ApprovedAmounts {
    /** Amount suffixes the shipped issuer declines, leaves unanswered or answers late. */
    public static final Set<Integer> AVOIDED_SUFFIXES = Set.of(5, 51, 54, 61, 68, 91);

    public static final long MIN = 100;        // 1.00
    public static final long MAX = 99_999;     // 999.99

    private ApprovedAmounts() {
    }

    /** A purchase amount between 1.00 and 999.99. */
    public static long purchase(RandomGenerator random) {
        return upTo(random, MIN, MAX);
    }

    /** A refund of at most {@code sale} (and at least 0.01). */
    public static long refund(RandomGenerator random, long sale) {
        return upTo(random, 1, sale);
    }

    private static long upTo(RandomGenerator random, long min, long max) {
        for (int i = 0; i < 1000; i++) {
            long a = random.nextLong(min, max + 1);
            if (approves(a)) return a;
        }
        // only a tiny range can get here, e.g. a sale of 0.05; walk down to an amount that approves
        for (long a = max; a >= min; a--) if (approves(a)) return a;
        return max;
    }

    public static boolean approves(long minor) {
        return !AVOIDED_SUFFIXES.contains((int) (minor % 100));
    }
}
