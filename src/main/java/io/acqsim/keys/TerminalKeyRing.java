package io.acqsim.keys;

import java.util.HexFormat;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.security.SecureDESKey;

import io.acqsim.iso.Profile;

/**
 * A terminal's side of the keys, for the emulated terminal, the script runner, the load generator and
 * replay: its TMK from the key file, the working keys of its last sign-on (decrypted with the TMK and
 * checked against their check values), the MAC of each request that needs one and the check of the
 * host's MAC on the answer. Exists only for a terminal whose range has MAC on ({@link #of}).
 * Not thread-safe: one terminal, one request at a time.
 */
public final class TerminalKeyRing {
    private final SecurityModule sm;
    private final SecureDESKey tmk;
    private final MacAlgorithm mac;
    private final Profile profile;
    private final ISOPackager packager;
    private WorkingKeys keys;
    private boolean wrongMacs;

    private TerminalKeyRing(TerminalMasterKeys master, SecureDESKey tmk, MacAlgorithm mac, Profile profile, ISOPackager packager) {
        this.sm = master.module();
        this.tmk = tmk;
        this.mac = mac;
        this.profile = profile;
        this.packager = packager;
    }

    /** The ring of {@code tid}, or null when its range has MAC off or it has no TMK in {@code master}. */
    public static TerminalKeyRing of(TerminalMasterKeys master, String tid, Profile profile, ISOPackager packager) {
        MacAlgorithm mac = master.mac(tid, profile);
        SecureDESKey tmk = master.tmk(tid);
        if (mac == MacAlgorithm.OFF || tmk == null) return null;
        return new TerminalKeyRing(master, tmk, mac, profile, packager);
    }

    /** The layout the terminal asks for at sign-on (cup 60.3): double length, 003. iso87a gets 003 whatever it asks. */
    public KeyLayout layout() {
        return KeyLayout.DOUBLE;
    }

    /** From now on every request that needs a MAC goes out with a wrong one (the terminal's {@code --mac-error}). */
    public void sendWrongMacs(boolean on) {
        this.wrongMacs = on;
    }

    /** True once an approved sign-on gave working keys. */
    public boolean hasKeys() {
        return keys != null;
    }

    public WorkingKeys keys() {
        return keys;
    }

    /**
     * Takes the working keys of an approved sign-on answer's field 62; a {@link KeyException} when
     * they are missing or do not decrypt to keys matching their check values under this TMK.
     */
    public void signedOn(ISOMsg response) {
        keys = null;
        if (!response.hasField(62)) throw new KeyException("the sign-on answer carries no working keys in field 62");
        byte[] f62;
        if (profile == Profile.CUP) {
            f62 = response.getBytes(62);
        } else {
            try {
                f62 = HexFormat.of().parseHex(response.getString(62));
            } catch (IllegalArgumentException e) {
                throw new KeyException("field 62 of the sign-on answer is not hex");
            }
        }
        KeyLayout layout = profile == Profile.CUP ? layout() : KeyLayout.DOUBLE;
        keys = WorkingKeys.fromField62(sm, f62, layout, mac, tmk);
    }

    /** The host answered with a MAC error: the keys are gone on its side, so here too. */
    public void forget() {
        keys = null;
    }

    /** MACs {@code request} when it needs one and the terminal holds keys (a wrong MAC when asked for). */
    public void sign(ISOMsg request) throws ISOException {
        if (keys == null || !MessageMac.required(request.getString(0))) return;
        MessageMac.sign(request, packager, keys.macs());
        if (wrongMacs) {
            int field = MessageMac.macField(request);
            byte[] b = request.getBytes(field).clone();
            b[0] ^= 0x01;
            request.set(field, b);
        }
    }

    /**
     * What is wrong with the MAC of the answer to {@code request}; null when it verifies or none is due
     * (the request needs none, the terminal holds no keys, or the answer is a MAC error, which the host
     * sends without a MAC because it has forgotten the keys).
     */
    public String responseMacProblem(ISOMsg request, ISOMsg response) {
        if (keys == null || !MessageMac.required(request.getString(0))) return null;
        String rc = response.getString(39);
        if ("A0".equals(rc) || "63".equals(rc)) return null;
        int field = MessageMac.macField(response);
        if (!response.hasField(field)) return "the answer carries no MAC in field " + field;
        try {
            return MessageMac.verify(response, packager, keys.macs()) ? null : "the answer's MAC in field " + field + " does not verify";
        } catch (ISOException e) {
            return "the answer's MAC cannot be checked: " + e.getMessage();
        }
    }

    /** Whether requests with this MTI go out MACed: MAC is on, the terminal holds keys and the MTI needs one. */
    public boolean macs(String mti) {
        return keys != null && MessageMac.required(mti);
    }

    /**
     * The MAC of a MAC block (the packed message before its MAC field), for callers that patch packed
     * requests (the load generator); wrong on purpose after {@link #sendWrongMacs}.
     */
    public byte[] macOf(byte[] macBlock) {
        byte[] mac = keys.macs().mac(macBlock);
        if (wrongMacs) mac[0] ^= 0x01;
        return mac;
    }

    /**
     * Field 53 of a request with a PIN block: PIN block format 2 (ISO 9564 format 0 with the PAN), then the
     * algorithm (6: double-length 3DES PIK, 0: single DES), the rest zeros (UnionPay terminal convention).
     */
    public String securityControl() {
        return "2" + (keys != null && keys.pik().getKeyLength() == SecurityModule.DOUBLE ? "6" : "0") + "00000000000000";
    }

    /** The format 0 PIN block of {@code pin} for {@code pan} under the PIK of the last sign-on. */
    public byte[] pinBlock(String pin, String pan) {
        if (keys == null) throw new KeyException("no PIN key: sign on first");
        return sm.pinBlock(pin, pan, keys.pik());
    }
}
