package io.acqsim.keys;

import java.security.MessageDigest;
import java.util.Arrays;

import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.TerminalMessage;

/**
 * MACs of ISO 8583 messages. The MAC block is the packed message from the MTI up to, not including,
 * the MAC field — 64, or 128 when the message has a secondary bitmap — as packed with the MAC field
 * present (so its bitmap bit is set); the TPDU/header and the length prefix are outside it. A received
 * message is checked over the bytes as they came off the wire ({@link TerminalMessage#raw()}), so a
 * terminal's padding choices cannot break the check; a message built here is packed to compute it.
 */
public final class MessageMac {
    public static final int LENGTH = 8;

    private MessageMac() {
    }

    /**
     * Whether a request with this MTI must carry a MAC where MAC is on: financial requests (0200
     * purchase and void, 0220 refund), reversals (0400/0401), batch settlement and its closing message
     * (0500), batch upload and its end (0320). Network management (sign-on, echo, sign-off) carries none:
     * a terminal without keys must be able to sign on. Responses to these carry one too.
     */
    public static boolean required(String mti) {
        return switch (mti == null ? "" : mti) {
            case "0200", "0220", "0400", "0401", "0500", "0320" -> true;
            default -> false;
        };
    }

    /** The field that carries {@code m}'s MAC: 128 when it has a secondary bitmap (a field from 65 to 127), else 64. */
    public static int macField(ISOMsg m) {
        for (int f = 65; f < 128 && f <= m.getMaxField(); f++) if (m.hasField(f)) return 128;
        return 64;
    }

    /** Computes and sets {@code m}'s MAC with {@code engine}, packing it with {@code packager}. */
    public static void sign(ISOMsg m, ISOPackager packager, MacEngine engine) throws ISOException {
        // a message built from another (a reversal from its original) may carry the other's MAC
        m.unset(64);
        m.unset(128);
        int field = macField(m);
        m.set(field, new byte[LENGTH]);
        m.set(field, engine.mac(macBlock(m, packager, field)));
    }

    /**
     * Whether {@code m} carries a correct MAC in its MAC field: false when the field is absent or wrong.
     * Compared in constant time.
     */
    public static boolean verify(ISOMsg m, ISOPackager packager, MacEngine engine) throws ISOException {
        int field = macField(m);
        if (!m.hasField(field) || m.getMaxField() != field) return false;
        byte[] received = m.getBytes(field);
        if (received == null || received.length != LENGTH) return false;
        byte[] block;
        if (m instanceof TerminalMessage tm && tm.raw() != null) {
            int macLength = packedLength(packager, field);
            if (tm.raw().length < macLength) return false;
            block = Arrays.copyOf(tm.raw(), tm.raw().length - macLength);
        } else {
            block = macBlock(m, packager, field);
        }
        return MessageDigest.isEqual(received, engine.mac(block));
    }

    /** {@code m} packed, without its last field (the MAC field, which must be set and be the last). */
    private static byte[] macBlock(ISOMsg m, ISOPackager packager, int field) throws ISOException {
        ISOPackager saved = m.getPackager();
        byte[] packed;
        try {
            m.setPackager(packager);
            packed = m.pack();
        } finally {
            m.setPackager(saved);
        }
        return Arrays.copyOf(packed, packed.length - packedLength(packager, field));
    }

    private static int packedLength(ISOPackager packager, int field) {
        if (!(packager instanceof ISOBasePackager p) || p.getFieldPackager(field) == null) {
            throw new IllegalArgumentException("the packager does not define the MAC field " + field);
        }
        return p.getFieldPackager(field).getMaxPackedLength();
    }
}
