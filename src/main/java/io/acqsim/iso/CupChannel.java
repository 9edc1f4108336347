package io.acqsim.iso;

import java.io.IOException;
import java.net.ServerSocket;

import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * The terminal link of profile cup: 2-byte length, then an 11-byte header — TPDU
 * ({@code 60 DDDD SSSS}) and the 6-byte application header — then the message.
 * As a server it answers with the TPDU's source and destination swapped; NACChannel does that only
 * for a 5-byte header. The processing-requirement nibble of the application header is set by the
 * host's response builder (see {@link CupHeader}); the channel only frames.
 */
public class CupChannel extends TerminalChannel {
    private boolean swap = true;

    public CupChannel() {
        super();
    }

    /** A client channel: sends the message's own header as it is, never swapped. */
    public CupChannel(String host, int port, ISOPackager packager) {
        super(host, port, packager);
        swap = false;
    }

    public CupChannel(ISOPackager packager, ServerSocket serverSocket) throws IOException {
        super(packager, serverSocket);
    }

    @Override
    public void setConfiguration(Configuration cfg) throws ConfigurationException {
        super.setConfiguration(cfg);
        swap = cfg.getBoolean("tpdu-swap", swap);
    }

    @Override
    protected int getHeaderLength() {
        return CupHeader.LENGTH;
    }

    @Override
    protected void sendMessageHeader(ISOMsg m, int len) throws IOException {
        byte[] h = m.getHeader();
        if (h == null || h.length != CupHeader.LENGTH) {
            h = CupHeader.defaultHeader();
        } else if (swap) {
            h = CupHeader.swapped(h);
        }
        serverOut.write(h);
    }
}
