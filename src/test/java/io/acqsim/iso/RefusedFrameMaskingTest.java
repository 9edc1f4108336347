package io.acqsim.iso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A refused frame's hex dump never shows field 55 (nor 52, 62, 64) in clear, whichever field broke it. */
class RefusedFrameMaskingTest {
    private static final Path PACKAGERS = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().resolve("cfg/packagers");
    private static final String ICC = "9F2608A1B2C3D4E5F60718";

    private static byte[] frame(Profile p, ISOPackager packager) throws ISOException {
        ISOMsg m = new ISOMsg("0200");
        m.setPackager(packager);
        m.set(3, "000000");
        m.set(4, "000000001000");
        m.set(11, "000001");
        m.set(22, "051");
        m.set(41, "T0000001");
        m.set(42, "M00000000000001");
        if (p == Profile.CUP) m.set(55, HexFormat.of().parseHex(ICC));
        else m.set(55, ICC);
        m.set(60, p == Profile.CUP ? "22000001000" : "000001");
        return m.pack();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void field55IsWipedWhenALaterFieldIsBroken(Profile p) throws Exception {
        ISOPackager packager = Packagers.load(PACKAGERS, p);
        byte[] b = frame(p, packager);
        byte[] broken = Arrays.copyOf(b, b.length - 2);  // field 60 cut short
        ISOMsg probe = new ISOMsg();
        probe.setPackager(packager);
        assertThrows(Exception.class, () -> probe.unpack(broken), "the frame really is unreadable");
        String dump = Masking.rawFrame(broken, packager).toUpperCase();
        assertNoIcc(p, dump);
        assertTrue(dump.contains("EE".repeat(p == Profile.CUP ? 11 : 22)), "field 55 itself is wiped: " + dump);
        assertFalse(dump.endsWith("EEEE"), "what follows field 55 is not: " + dump);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theUnreadableRestIsWipedWhenField55IsInIt(Profile p) throws Exception {
        ISOPackager packager = Packagers.load(PACKAGERS, p);
        byte[] b = frame(p, packager);
        byte[] broken = Arrays.copyOf(b, b.length - 12);  // cut inside field 55 or just after it
        String dump = Masking.rawFrame(broken, packager).toUpperCase();
        assertNoIcc(p, dump);
        assertTrue(dump.endsWith("EEEE"), dump);
    }

    private static void assertNoIcc(Profile p, String dump) {
        String inClear = p == Profile.CUP ? "A1B2C3D4" : HexFormat.of().formatHex("A1B2C3D4".getBytes()).toUpperCase();
        assertFalse(dump.contains(inClear), "no ICC data in " + dump);
        assertFalse(Masking.rawFrame(new byte[0], null).contains("A1B2"), "an empty frame stays empty");
    }
}
