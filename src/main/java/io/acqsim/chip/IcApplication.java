package io.acqsim.chip;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One application's terminal parameters (AID, application selection indicator, TACs, floor limit, ...)
 * from cfg/chip/ic-params.yml: the data objects are sent as written, after 9F06 = the AID.
 *
 * @param tags tag (int) to value, in the order written
 */
public record IcApplication(byte[] aid, String name, Map<Integer, byte[]> tags) {

    public IcApplication {
        if (aid.length < 5 || aid.length > 16) throw new IllegalArgumentException("an AID is 5-16 bytes, not " + aid.length);
        if (tags.containsKey(0x9F06)) throw new IllegalArgumentException("9F06 is the AID itself; give it as aid");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The status-query entry: 9F06 AID. */
    byte[] listing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tlv.write(out, 0x9F06, aid);
        return out.toByteArray();
    }

    /** The download answer's data objects: 9F06 then the configured tags in file order. */
    public byte[] tlv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(listing());
        tags.forEach((tag, value) -> Tlv.write(out, tag, value));
        return out.toByteArray();
    }

    boolean is(byte[] otherAid) {
        return Arrays.equals(aid, otherAid);
    }
}
