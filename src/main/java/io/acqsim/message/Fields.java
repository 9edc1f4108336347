package io.acqsim.message;

import org.jpos.iso.ISOMsg;

/** Reads and checks the fields of one request; every failure is a {@link FormatError} naming the field. */
final class Fields {
    private final ISOMsg m;

    Fields(ISOMsg m) {
        this.m = m;
    }

    boolean has(int field) {
        return m.hasField(field);
    }

    /** A mandatory numeric field of exactly {@code length} digits. */
    String digits(int field, int length) throws FormatError {
        String v = text(field);
        if (v.length() != length || !isDigits(v)) throw new FormatError(field, "'" + v + "' is not " + length + " digits");
        return v;
    }

    /** An optional numeric field of exactly {@code length} digits, or null. */
    String optionalDigits(int field, int length) throws FormatError {
        return m.hasField(field) ? digits(field, length) : null;
    }

    /** A mandatory field, as a string, trailing spaces removed. */
    String text(int field) throws FormatError {
        String v = m.getString(field);
        if (v == null) throw new FormatError(field, "is mandatory for " + m.getString(0));
        return v.stripTrailing();
    }

    /** A mandatory alphanumeric field of exactly {@code length} characters before trimming. */
    String fixed(int field, int length) throws FormatError {
        String v = m.getString(field);
        if (v == null) throw new FormatError(field, "is mandatory for " + m.getString(0));
        if (v.length() != length) throw new FormatError(field, "is " + v.length() + " characters, expected " + length);
        if (!v.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) throw new FormatError(field, "has non-printable characters");
        return v.strip();
    }

    String optional(int field) {
        String v = m.getString(field);
        return v == null ? null : v.stripTrailing();
    }

    void absent(int field, String why) throws FormatError {
        if (m.hasField(field)) throw new FormatError(field, "must be absent " + why);
    }

    long amount(int field) throws FormatError {
        return Long.parseLong(digits(field, 12));
    }

    /** The PAN from field 2, else from track 2 (field 35) before its separator; 12-19 digits. */
    String pan() throws FormatError {
        String pan = optional(2);
        int field = 2;
        if (pan == null && m.hasField(35)) {
            pan = m.getString(35).split("[=D]", 2)[0];
            field = 35;
        }
        if (pan == null) throw new FormatError(2, "card purchase carries neither a PAN (2) nor track 2 (35)");
        if (pan.length() < 12 || pan.length() > 19 || !isDigits(pan)) throw new FormatError(field, "the PAN is not 12-19 digits");
        return pan;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
