package io.acqsim.chip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpos.tlv.TLVList;
import org.jpos.tlv.TLVMsg;

/**
 * Field 55 of a chip request (EMV data objects in BER-TLV), read with jPOS's {@link TLVList}.
 * The values stay inside this object: {@link #toString()} and {@link #summary()} name the tags and give
 * only the application transaction counter and cryptogram information data, never the cryptogram,
 * the PAN (5A), track 2 equivalent (57) or any other value, so an IccData can be logged and stored.
 */
public final class IccData {
    public static final int ARQC = 0x9F26;
    public static final int CRYPTOGRAM_INFO = 0x9F27;
    public static final int ATC = 0x9F36;
    public static final int PAN_SEQUENCE = 0x5F34;
    /** Issuer authentication data (ARPC + ARC in method 1), in the host's answer. */
    public static final int ISSUER_AUTHENTICATION_DATA = 0x91;
    /** Authorisation response code (two ASCII characters), in the host's answer. */
    public static final int AUTHORISATION_RESPONSE_CODE = 0x8A;

    private final Map<Integer, byte[]> values;

    private IccData(Map<Integer, byte[]> values) {
        this.values = values;
    }

    /**
     * Reads field 55; a {@link MalformedIccData} says what is wrong (truncated tag, length beyond the
     * data, empty field) without quoting the data.
     */
    public static IccData parse(byte[] field55) throws MalformedIccData {
        if (field55 == null || field55.length == 0) throw new MalformedIccData("field 55 is empty");
        TLVList list = new TLVList();
        try {
            list.unpack(field55);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MalformedIccData("field 55 is not BER-TLV: " + e.getMessage());
        }
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        for (TLVMsg t : list.getTags()) {
            if (values.putIfAbsent(t.getTag(), t.getValue()) != null) {
                throw new MalformedIccData("field 55 carries tag " + Integer.toHexString(t.getTag()).toUpperCase() + " twice");
            }
        }
        if (values.isEmpty()) throw new MalformedIccData("field 55 holds no data object");
        return new IccData(values);
    }

    /** The value of {@code tag}, a copy, or null. */
    public byte[] value(int tag) {
        byte[] v = values.get(tag);
        return v == null ? null : v.clone();
    }

    public boolean has(int tag) {
        return values.containsKey(tag);
    }

    /** The tags in the order received, as upper-case hex. */
    public List<String> tags() {
        List<String> out = new ArrayList<>(values.size());
        for (int tag : values.keySet()) out.add(Integer.toHexString(tag).toUpperCase());
        return Collections.unmodifiableList(out);
    }

    /** For logs and records: the tags, the ATC and the CID; no cryptogram, no card data. */
    public String summary() {
        StringBuilder sb = new StringBuilder("ICC tags ").append(String.join(" ", tags()));
        if (has(ATC)) sb.append(", ATC ").append(HexFormat.of().withUpperCase().formatHex(values.get(ATC)));
        if (has(CRYPTOGRAM_INFO)) sb.append(", CID ").append(HexFormat.of().withUpperCase().formatHex(values.get(CRYPTOGRAM_INFO)));
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
