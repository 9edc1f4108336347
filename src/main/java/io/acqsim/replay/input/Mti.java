package io.acqsim.replay.input;

/**
 * What an MTI says about pairing: a response's third digit is its request's plus one (0200 → 0210,
 * 0400 and 0401 → 0410), so request and response share the {@link #pairingClass} — the first two digits
 * and the third rounded down to even ("020", "022", "040", "080").
 */
public final class Mti {
    private Mti() {
    }

    public static boolean valid(String mti) {
        return mti != null && mti.length() == 4 && mti.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public static boolean isResponse(String mti) {
        return valid(mti) && ((mti.charAt(2) - '0') & 1) == 1;
    }

    public static String pairingClass(String mti) {
        if (!valid(mti)) return mti;
        return mti.substring(0, 2) + (char) ('0' + ((mti.charAt(2) - '0') & ~1));
    }

    /** The response MTI a request expects: 0200 → 0210, 0401 → 0410. */
    public static String responseTo(String request) {
        return pairingClass(request).substring(0, 2) + (char) (pairingClass(request).charAt(2) + 1) + "0";
    }
}
