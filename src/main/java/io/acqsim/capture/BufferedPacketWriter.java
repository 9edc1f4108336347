package io.acqsim.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What the pcap and pcapng writers share: a buffered stream, one link type, one time resolution.
 * {@link #close} flushes and closes the stream.
 */
abstract class BufferedPacketWriter implements PacketWriter {
    /** Snap length written into the file header: larger than any packet written. */
    static final int SNAP_LENGTH = 262_144;

    protected final OutputStream out;
    protected final int linkType;
    protected final TimeResolution resolution;

    BufferedPacketWriter(OutputStream out, int linkType, TimeResolution resolution) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        this.resolution = resolution;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
