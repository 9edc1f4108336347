package io.acqsim.iso;

import java.io.IOException;
import java.net.ServerSocket;

import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;
import org.jpos.util.LogEvent;
import org.jpos.util.Logger;

/**
 * The terminal link of profile iso87a (and the base of {@link CupChannel}): a 2-byte big-endian length
 * that excludes itself, then the message. Differs from NACChannel in what happens to a bad frame:
 * <ul>
 *   <li>if the MTI can be read, the frame becomes a {@link TerminalMessage} carrying only the MTI and
 *       the reason, so the host answers 30 and the connection stays up;</li>
 *   <li>otherwise the raw bytes are logged (PAN-like digits masked) and an ISOException ends the
 *       session, closing the connection; the server and other connections carry on.</li>
 * </ul>
 * jPOS's own hexdump of a failed frame ({@code debug-iso-error}) is switched off: it is not masked.
 */
public class TerminalChannel extends NACChannel {

    public TerminalChannel() {
        super();
    }

    /** A client channel, as the terminal emulator and tests use it. */
    public TerminalChannel(String host, int port, ISOPackager packager) {
        super(host, port, packager, null);
    }

    public TerminalChannel(ISOPackager packager, ServerSocket serverSocket) throws IOException {
        super(packager, null, serverSocket);
    }

    @Override
    public void setConfiguration(Configuration cfg) throws ConfigurationException {
        cfg.put("debug-iso-error", "false");
        super.setConfiguration(cfg);
    }

    @Override
    protected ISOMsg createMsg() {
        return new TerminalMessage();
    }

    @Override
    protected void unpack(ISOMsg m, byte[] b) throws ISOException {
        try {
            super.unpack(m, b);
            if (m.getMTI() == null || !m.getMTI().matches("\\d{4}")) {
                throw new ISOException("MTI '" + m.getMTI() + "' is not four digits");
            }
        } catch (ISOException | RuntimeException e) {
            String mti = readableMti(b);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (mti == null) {
                Logger.log(new LogEvent(this, "unreadable-frame")
                        .add("refused " + b.length + " bytes, MTI unreadable: " + reason)
                        .add("raw (masked): " + Masking.rawFrame(b)));
                throw new ISOException("unreadable frame of " + b.length + " bytes: " + reason);
            }
            for (int i = 1; i <= m.getMaxField(); i++) m.unset(i);
            m.setMTI(mti);
            if (m instanceof TerminalMessage tm) tm.formatError(reason);
            Logger.log(new LogEvent(this, "format-error")
                    .add("MTI " + mti + ", " + b.length + " bytes: " + reason)
                    .add("raw (masked): " + Masking.rawFrame(b)));
        }
    }

    /** The MTI if the first field decodes to four digits, else null. */
    private String readableMti(byte[] b) {
        try {
            if (!(getPackager() instanceof ISOBasePackager bp)) return null;
            ISOFieldPackager fp = bp.getFieldPackager(0);
            ISOComponent c = fp.createComponent(0);
            fp.unpack(c, b, 0);
            String mti = (String) c.getValue();
            return mti != null && mti.matches("\\d{4}") ? mti : null;
        } catch (ISOException | RuntimeException e) {
            return null;
        }
    }
}
