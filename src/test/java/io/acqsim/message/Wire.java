package io.acqsim.message;

import java.nio.file.Path;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;

/**
 * Messages as a terminal builds them and as they come off the wire: packed with the profile's real
 * packager (cfg/packagers) and unpacked again, so a dialect test sees what the host's channel hands on —
 * padded fixed fields, BCD nibbles, LL prefixes — not the values the test typed.
 */
final class Wire {
    static final Path PACKAGERS = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().resolve("cfg/packagers");

    private Wire() {
    }

    /** A message of {@code mti} with {@code fieldsAndValues} given as pairs: 3, "000000", 4, "000000012345", ... */
    static ISOMsg msg(String mti, Object... fieldsAndValues) {
        ISOMsg m = new ISOMsg(mti);
        for (int i = 0; i < fieldsAndValues.length; i += 2) m.set((Integer) fieldsAndValues[i], (String) fieldsAndValues[i + 1]);
        return m;
    }

    /** {@code m} packed and unpacked with {@code profile}'s packager; the header (cup's TPDU) travels as the channel carries it. */
    static ISOMsg overTheWire(Profile profile, ISOMsg m) throws ISOException {
        ISOPackager packager = Packagers.load(PACKAGERS, profile);
        ISOMsg copy = (ISOMsg) m.clone();
        copy.setPackager(packager);
        byte[] image = copy.pack();
        ISOMsg back = new ISOMsg();
        back.setPackager(packager);
        back.unpack(image);
        if (m.getHeader() != null) back.setHeader(m.getHeader().clone());
        return back;
    }

    /** What {@code dialect} makes of {@code request} after it crossed the wire. */
    static TerminalRequest decode(Dialect dialect, ISOMsg request) throws ISOException, FormatError {
        return dialect.decode(overTheWire(dialect.profile(), request));
    }
}
