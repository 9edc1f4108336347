package io.acqsim.fault;

import java.util.List;

/**
 * Which messages a fault selects (PRODUCT.md §6 {@code match}): every listed condition must hold;
 * an empty list or null bound means any. {@code probability} and {@code firstN} are applied by the
 * {@link Fault} that owns the match, over the messages the conditions select.
 *
 * @param mti            e.g. ["0200"]; a response matches by its request's MTI too ("0200" selects the 0210)
 * @param processingCode e.g. ["000000"]
 * @param probability    in (0, 1]; 1 = every selected message
 * @param firstN         only the first N selected messages (0 = no limit)
 */
public record Match(List<String> mti, List<String> processingCode, List<String> tid, List<String> mid,
                    Long minAmount, Long maxAmount, double probability, int firstN) {
    public static final Match ALL = new Match(List.of(), List.of(), List.of(), List.of(), null, null, 1.0, 0);

    public Match {
        mti = List.copyOf(mti);
        processingCode = List.copyOf(processingCode);
        tid = List.copyOf(tid);
        mid = List.copyOf(mid);
        if (!(probability > 0 && probability <= 1)) throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
        if (firstN < 0) throw new IllegalArgumentException("first must be 0 or more, got " + firstN);
        if (minAmount != null && maxAmount != null && maxAmount < minAmount) {
            throw new IllegalArgumentException("amount range: max " + maxAmount + " is below min " + minAmount);
        }
    }

    /** The same conditions with another probability. */
    public Match withProbability(double p) {
        return new Match(mti, processingCode, tid, mid, minAmount, maxAmount, p, firstN);
    }

    /** Whether the message's facts meet every condition (probability and first-N aside). */
    public boolean selects(MessageFacts f) {
        if (!mti.isEmpty() && (f.mti() == null || !(mti.contains(f.mti()) || mti.contains(requestMti(f.mti()))))) return false;
        if (!processingCode.isEmpty() && !processingCode.contains(f.processingCode())) return false;
        if (!tid.isEmpty() && !tid.contains(f.tid())) return false;
        if (!mid.isEmpty() && !mid.contains(f.mid())) return false;
        if (minAmount != null && (f.amount() < 0 || f.amount() < minAmount)) return false;
        if (maxAmount != null && (f.amount() < 0 || f.amount() > maxAmount)) return false;
        return true;
    }

    /** 0210 → 0200, 0410 → 0400: the request a response answers. */
    static String requestMti(String mti) {
        if (mti.length() != 4) return mti;
        char fn = mti.charAt(2);
        return (fn == '1' || fn == '3') ? mti.substring(0, 2) + (char) (fn - 1) + mti.charAt(3) : mti;
    }
}
