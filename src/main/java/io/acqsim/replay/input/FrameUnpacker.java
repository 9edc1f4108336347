package io.acqsim.replay.input;

import java.util.Arrays;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

import io.acqsim.iso.Profile;

/**
 * Turns the bytes of one frame of a profile — what follows the 2-byte length prefix: for cup the
 * 11-byte TPDU + application header, then the packed message — into an ISOMsg, as the host's channel
 * would. Shared by the hex-dump and capture readers. The returned message has its header set (cup) and
 * no packager.
 */
public final class FrameUnpacker {
    private final Profile profile;
    private final ISOPackager packager;

    public FrameUnpacker(Profile profile, ISOPackager packager) {
        this.profile = profile;
        this.packager = packager;
    }

    public Profile profile() { return profile; }

    /** The message in {@code frame}; an ISOException says what could not be read. */
    public ISOMsg unpack(byte[] frame) throws ISOException {
        int h = profile.headerLength();
        if (frame.length <= h + 2) throw new ISOException("frame of " + frame.length + " bytes is too short for a " + profile + " message");
        ISOMsg m = new ISOMsg();
        if (h > 0) m.setHeader(Arrays.copyOfRange(frame, 0, h));
        try {
            m.setPackager(packager);
            m.unpack(Arrays.copyOfRange(frame, h, frame.length));
        } catch (ISOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ISOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (!Mti.valid(m.getMTI())) throw new ISOException("MTI '" + m.getMTI() + "' is not four digits");
        m.setPackager(null);
        return m;
    }
}
