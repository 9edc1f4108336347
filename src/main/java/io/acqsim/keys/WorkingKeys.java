package io.acqsim.keys;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

import org.jpos.security.SMAdapter;
import org.jpos.security.SecureDESKey;

/**
 * A terminal's working keys from one sign-on, each under the LMK: the PIN key (PIK), the MAC key
 * (MAK, single length for the UnionPay ECB MAC, double for X9.19) and, in layout 004, the track data
 * key (TDK, else null); {@code macs} is the MAK made ready to MAC with {@code mac}.
 * {@code toString} names the layout only, never key material.
 */
public record WorkingKeys(KeyLayout layout, MacAlgorithm mac, SecureDESKey pik, SecureDESKey mak, SecureDESKey tdk, MacEngine macs) {

    WorkingKeys(SecurityModule sm, KeyLayout layout, MacAlgorithm mac, SecureDESKey pik, SecureDESKey mak, SecureDESKey tdk) {
        this(layout, mac, pik, mak, tdk, mac == MacAlgorithm.OFF ? null : sm.macEngine(mac, mak));
    }

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Fresh keys for a sign-on asking for {@code layout}; X9.19's double-length MAK does not fit layout 001. */
    public static WorkingKeys generate(SecurityModule sm, KeyLayout layout, MacAlgorithm mac) {
        if (mac == MacAlgorithm.X9_19 && layout == KeyLayout.SINGLE) {
            throw new KeyException("X9.19 needs a double-length MAC key: sign on with 003 or 004, not 001");
        }
        return new WorkingKeys(sm, layout, mac,
                sm.generate(layout.pikLength(), SMAdapter.TYPE_TPK),
                sm.generate(makLength(mac), SMAdapter.TYPE_TAK),
                layout.hasTdk() ? sm.generate(SecurityModule.DOUBLE, SMAdapter.TYPE_DEK) : null);
    }

    private static short makLength(MacAlgorithm mac) {
        return mac == MacAlgorithm.X9_19 ? SecurityModule.DOUBLE : SecurityModule.SINGLE;
    }

    /** Field 62 of the sign-on response: each key under {@code tmk} followed by its 4-byte check value ({@link KeyLayout}). */
    public byte[] field62(SecurityModule sm, SecureDESKey tmk) {
        byte[] out = new byte[layout.length()];
        int at = put(out, 0, sm.export(pik, tmk), layout.pikLength() / 8, sm.checkValue4(pik));
        at = put(out, at, sm.export(mak, tmk), layout.makSlot(), sm.checkValue4(mak));
        if (tdk != null) put(out, at, sm.export(tdk, tmk), 16, sm.checkValue4(tdk));
        return out;
    }

    private static int put(byte[] out, int at, byte[] key, int slot, byte[] cv) {
        System.arraycopy(key, 0, out, at, key.length);
        System.arraycopy(cv, 0, out, at + slot, 4);
        return at + slot + 4;
    }

    /**
     * The terminal's side: the keys of a sign-on response's field 62, decrypted with {@code tmk} and
     * checked against their check values; a {@link KeyException} when the field is not the layout's
     * length or a check value does not match (the wrong TMK).
     */
    public static WorkingKeys fromField62(SecurityModule sm, byte[] f62, KeyLayout layout, MacAlgorithm mac, SecureDESKey tmk) {
        if (f62 == null || f62.length != layout.length()) {
            throw new KeyException("field 62 of a " + layout.code() + " sign-on is " + layout.length() + " bytes, got "
                    + (f62 == null ? "none" : f62.length));
        }
        if (mac == MacAlgorithm.X9_19 && layout == KeyLayout.SINGLE) throw new KeyException("X9.19 needs a double-length MAC key");
        int pikSlot = layout.pikLength() / 8;
        SecureDESKey pik = take(sm, f62, 0, pikSlot, pikSlot, SMAdapter.TYPE_TPK, tmk, "PIK");
        int makAt = pikSlot + 4;
        // the MAK's check value follows its whole slot, also when a single-length MAK leaves 8 zero bytes in it
        SecureDESKey mak = take(sm, f62, makAt, makLength(mac) / 8, layout.makSlot(), SMAdapter.TYPE_TAK, tmk, "MAK");
        SecureDESKey tdk = null;
        if (layout.hasTdk()) tdk = take(sm, f62, makAt + layout.makSlot() + 4, 16, 16, SMAdapter.TYPE_DEK, tmk, "TDK");
        return new WorkingKeys(sm, layout, mac, pik, mak, tdk);
    }

    /** The key of {@code len} bytes at {@code at}, imported from under the TMK and checked against the check value after its {@code slot}. */
    private static SecureDESKey take(SecurityModule sm, byte[] f62, int at, int len, int slot, String type, SecureDESKey tmk, String name) {
        SecureDESKey k = sm.importKey((short) (len * 8), type, Arrays.copyOfRange(f62, at, at + len), tmk);
        byte[] cv = Arrays.copyOfRange(f62, at + slot, at + slot + 4);
        if (!Arrays.equals(cv, sm.checkValue4(k))) throw new KeyException("the " + name + "'s check value does not match: wrong TMK?");
        return k;
    }

    /** As stored in the data directory: each key under the LMK with jPOS's check value. */
    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("layout", layout.code());
        p.setProperty("mac", mac.name());
        store(p, "pik", pik);
        store(p, "mak", mak);
        if (tdk != null) store(p, "tdk", tdk);
        return p;
    }

    private static void store(Properties p, String name, SecureDESKey k) {
        p.setProperty(name + ".length", Short.toString(k.getKeyLength()));
        p.setProperty(name + ".under-lmk", HEX.formatHex(k.getKeyBytes()));
        p.setProperty(name + ".check-value", HEX.formatHex(k.getKeyCheckValue()));
    }

    /** Read back from {@link #toProperties()}; each key is checked against its check value. */
    static WorkingKeys fromProperties(SecurityModule sm, Properties p) {
        KeyLayout layout = KeyLayout.of(p.getProperty("layout", ""));
        if (layout == null) throw new KeyException("no layout");
        MacAlgorithm mac = MacAlgorithm.valueOf(p.getProperty("mac", "OFF"));
        SecureDESKey tdk = p.containsKey("tdk.under-lmk") ? load(sm, p, "tdk", SMAdapter.TYPE_DEK) : null;
        return new WorkingKeys(sm, layout, mac, load(sm, p, "pik", SMAdapter.TYPE_TPK), load(sm, p, "mak", SMAdapter.TYPE_TAK), tdk);
    }

    private static SecureDESKey load(SecurityModule sm, Properties p, String name, String type) {
        String len = p.getProperty(name + ".length");
        if (len == null) throw new KeyException("no " + name);
        return sm.stored(Short.parseShort(len), type, p.getProperty(name + ".under-lmk", ""), p.getProperty(name + ".check-value", ""));
    }

    @Override
    public String toString() {
        return "WorkingKeys[layout " + layout.code() + ", MAC " + mac + "]";
    }
}
