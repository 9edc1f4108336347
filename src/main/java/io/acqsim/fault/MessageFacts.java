package io.acqsim.fault;

import org.jpos.iso.ISOMsg;

/**
 * What a fault selector can see of a message, the same on both profiles: MTI, processing code (3),
 * TID (41), MID (42) and amount (4, minor units; -1 when absent or unreadable).
 */
public record MessageFacts(String mti, String processingCode, String tid, String mid, long amount) {
    public static final MessageFacts NONE = new MessageFacts(null, null, null, null, -1);

    public static MessageFacts of(ISOMsg m) {
        String mti;
        try {
            mti = m.getMTI();
        } catch (org.jpos.iso.ISOException e) {
            mti = null;
        }
        long amount = -1;
        String f4 = m.getString(4);
        if (f4 != null) {
            try {
                amount = Long.parseLong(f4.strip());
            } catch (NumberFormatException e) {
                amount = -1;
            }
        }
        return new MessageFacts(mti, m.getString(3), trim(m.getString(41)), trim(m.getString(42)), amount);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
