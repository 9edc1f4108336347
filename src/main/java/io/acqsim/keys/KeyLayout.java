package io.acqsim.keys;

/**
 * The layouts of the working keys in field 62 of a sign-on response, chosen by the sign-on's network
 * management code (cup 60.3; reference/DOMAIN.md §6). Each key is encrypted under the terminal's TMK
 * and followed by its 4-byte check value:
 * <ul>
 *   <li>{@code 001} single DES: PIK (8) + cv + MAK (8) + cv — 24 bytes;</li>
 *   <li>{@code 003} double length: PIK (16) + cv + MAK slot (16) + cv — 40 bytes;</li>
 *   <li>{@code 004} with track key: the 40 bytes of 003 + TDK (16) + cv — 60 bytes.</li>
 * </ul>
 * The MAK slot of 003/004 holds a single-length MAK followed by 8 zero bytes (the UnionPay ECB MAC, as
 * public terminal code reads it), or a double-length MAK when the range uses X9.19.
 */
public enum KeyLayout {
    SINGLE("001", SecurityModule.SINGLE, false),
    DOUBLE("003", SecurityModule.DOUBLE, false),
    DOUBLE_WITH_TDK("004", SecurityModule.DOUBLE, true);

    private final String code;
    private final short pikLength;
    private final boolean tdk;

    KeyLayout(String code, short pikLength, boolean tdk) {
        this.code = code;
        this.pikLength = pikLength;
        this.tdk = tdk;
    }

    /** The network management code that asks for this layout. */
    public String code() { return code; }

    public short pikLength() { return pikLength; }

    public boolean hasTdk() { return tdk; }

    /** The layout a sign-on's network management code asks for; null for another code. */
    public static KeyLayout of(String networkCode) {
        for (KeyLayout l : values()) if (l.code.equals(networkCode)) return l;
        return null;
    }

    /** Length of field 62 in bytes. */
    public int length() {
        return this == SINGLE ? 24 : this == DOUBLE ? 40 : 60;
    }

    /** Bytes of the MAK slot: the key, padded with zeros to 16 in the double-length layouts. */
    int makSlot() {
        return this == SINGLE ? 8 : 16;
    }
}
