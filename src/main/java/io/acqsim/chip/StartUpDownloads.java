package io.acqsim.chip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jpos.tlv.TLVList;
import org.jpos.tlv.TLVMsg;

/**
 * Field 62 of the answers to a UnionPay-style terminal's start-up downloads (60.3 codes and layouts
 * as the public terminal code quoted in docs/notes/chip.md sends and reads them):
 * <ul>
 *   <li>status query (0820, 372 CA keys / 382 IC parameters): request 62 = "1" + n2, the number of
 *       entries the terminal already holds from earlier pages; answer 62 = "0" (nothing) or
 *       "1" / "3" (last page) or "2" (more pages follow) + the entries: 9F06 RID, 9F22 index,
 *       DF05 expiry for keys; 9F06 AID for applications;</li>
 *   <li>download (0800, 370 / 380): request 62 = 9F06 RID + 9F22 index, or 9F06 AID; answer
 *       62 = "1" + the key's or application's data objects, "0" when the host does not have it;</li>
 *   <li>end (0800, 371 / 381): no 62 either way; the host records the download as done.</li>
 * </ul>
 */
public final class StartUpDownloads {
    /** Field 62 of profile cup holds 512 bytes; a status page keeps within it. */
    static final int MAX_FIELD_62 = 512;

    private final List<Capk> capks;
    private final List<IcApplication> applications;
    private final String capkVersion;
    private final String icVersion;

    public StartUpDownloads(List<Capk> capks, List<IcApplication> applications) {
        this.capks = List.copyOf(capks);
        this.applications = List.copyOf(applications);
        this.capkVersion = digest(capks.stream().map(Capk::tlv).toList());
        this.icVersion = digest(applications.stream().map(IcApplication::tlv).toList());
    }

    /** Identifies the CA key set: a terminal that downloaded another version is asked again. */
    public String capkVersion() { return capkVersion; }

    /** Identifies the IC parameter set, as {@link #capkVersion()}. */
    public String icVersion() { return icVersion; }

    public boolean hasCapks() { return !capks.isEmpty(); }

    public boolean hasApplications() { return !applications.isEmpty(); }

    public byte[] capkStatus(byte[] request62) throws MalformedIccData {
        return page(capks.stream().map(Capk::listing).toList(), offset(request62));
    }

    public byte[] icStatus(byte[] request62) throws MalformedIccData {
        return page(applications.stream().map(IcApplication::listing).toList(), offset(request62));
    }

    public byte[] capk(byte[] request62) throws MalformedIccData {
        TLVList req = tlv(request62);
        byte[] rid = req.getValue(0x9F06);
        byte[] index = req.getValue(0x9F22);
        if (rid == null || index == null || index.length != 1) throw new MalformedIccData("field 62 of a CA key download must carry 9F06 (RID) and 9F22 (index, 1 byte)");
        for (Capk c : capks) if (c.is(rid, index[0] & 0xFF)) return found(c.tlv());
        return ascii("0");
    }

    public byte[] icParameters(byte[] request62) throws MalformedIccData {
        byte[] aid = tlv(request62).getValue(0x9F06);
        if (aid == null) throw new MalformedIccData("field 62 of an IC parameter download must carry 9F06 (AID)");
        for (IcApplication a : applications) if (a.is(aid)) return found(a.tlv());
        return ascii("0");
    }

    /** "1" + n2 (ASCII): how many entries the terminal already has from earlier pages; absent = 0. */
    private static int offset(byte[] request62) throws MalformedIccData {
        if (request62 == null || request62.length == 0) return 0;
        String s = new String(request62, StandardCharsets.ISO_8859_1);
        if (!s.matches("1[0-9]{2,3}")) throw new MalformedIccData("field 62 of a status query must be '1' and the count of entries held (n2)");
        return Integer.parseInt(s.substring(1));
    }

    private static byte[] page(List<byte[]> entries, int from) {
        if (from >= entries.size()) return ascii("0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('1');
        int i = from;
        while (i < entries.size() && out.size() + entries.get(i).length <= MAX_FIELD_62) {
            out.writeBytes(entries.get(i));
            i++;
        }
        byte[] b = out.toByteArray();
        if (i < entries.size()) b[0] = '2';
        return b;
    }

    private static TLVList tlv(byte[] data) throws MalformedIccData {
        if (data == null || data.length == 0) throw new MalformedIccData("field 62 is missing");
        TLVList l = new TLVList();
        try {
            l.unpack(data);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MalformedIccData("field 62 is not BER-TLV: " + e.getMessage());
        }
        return l;
    }

    private static byte[] found(byte[] tlv) {
        byte[] out = new byte[tlv.length + 1];
        out[0] = '1';
        System.arraycopy(tlv, 0, out, 1, tlv.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String digest(List<byte[]> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) sha.update(p);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The entries of a status answer after its status character (for terminals and tests). */
    public static List<byte[]> entries(byte[] answer62, int firstTag) throws MalformedIccData {
        List<byte[]> out = new ArrayList<>();
        if (answer62.length <= 1) return out;
        byte[] body = Arrays.copyOfRange(answer62, 1, answer62.length);
        TLVList l = tlv(body);
        ByteArrayOutputStream cur = null;
        for (TLVMsg t : l.getTags()) {
            if (t.getTag() == firstTag) {
                if (cur != null) out.add(cur.toByteArray());
                cur = new ByteArrayOutputStream();
            }
            if (cur == null) throw new MalformedIccData("a status entry must start with " + Integer.toHexString(firstTag).toUpperCase());
            Tlv.write(cur, t.getTag(), t.getValue());
        }
        if (cur != null) out.add(cur.toByteArray());
        return out;
    }
}
