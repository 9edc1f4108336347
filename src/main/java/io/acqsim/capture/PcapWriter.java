package io.acqsim.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * Writes libpcap's classic format, little-endian, with the microsecond or nanosecond magic number, snap
 * length 262144. For tools that read nothing newer. Buffered; {@link #close} flushes and closes the stream.
 */
public final class PcapWriter extends BufferedPacketWriter {
    private final ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);

    /** Writes the file header at once. */
    public PcapWriter(OutputStream out, int linkType, TimeResolution resolution) throws IOException {
        super(out, linkType, resolution);
        int magic = resolution == TimeResolution.NANOSECONDS ? CaptureFormat.PCAP_NANOS : CaptureFormat.PCAP_MICROS;
        head.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAP_LENGTH).putInt(linkType);
        this.out.write(head.array(), 0, 24);
    }

    @Override
    public void write(Instant at, byte[] data, int off, int len) throws IOException {
        head.clear();
        head.putInt((int) at.getEpochSecond()).putInt((int) resolution.fraction(at)).putInt(len).putInt(len);
        out.write(head.array(), 0, 16);
        out.write(data, off, len);
    }
}
