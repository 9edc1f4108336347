package io.acqsim.iso;

import java.util.Locale;

/** The two wire profiles of PRODUCT.md §4.1; the name is what users type and what cfg files say. */
public enum Profile {
    /** UnionPay POS convention: 2-byte length, TPDU + application header, BCD fields. */
    CUP("cup", 11),
    /** ISO 8583:1987 as jPOS ISO87APackager lays it out: 2-byte length, no header, ASCII fields. */
    ISO87A("iso87a", 0);

    private final String id;
    private final int headerLength;

    Profile(String id, int headerLength) {
        this.id = id;
        this.headerLength = headerLength;
    }

    public String id() { return id; }

    /** Bytes between the length prefix and the MTI. */
    public int headerLength() { return headerLength; }

    public static Profile of(String name) {
        for (Profile p : values()) {
            if (p.id.equals(name.toLowerCase(Locale.ROOT))) return p;
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (profiles: cup, iso87a)");
    }

    @Override
    public String toString() { return id; }
}
