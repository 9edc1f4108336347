package io.acqsim.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes pcapng, little-endian: a Section Header Block (application {@code acqsim}), one Interface
 * Description Block (the link type, snap length 262144, {@code if_tsresol} of the chosen resolution), then
 * one Enhanced Packet Block per packet. Buffered; {@link #close} flushes and closes the stream.
 */
public final class PcapngWriter extends BufferedPacketWriter {
    private static final byte[] PADDING = new byte[4];

    private final ByteBuffer head = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);

    /** Writes the section and interface headers at once. */
    public PcapngWriter(OutputStream out, int linkType, TimeResolution resolution) throws IOException {
        super(out, linkType, resolution);
        byte[] app = "acqsim".getBytes(StandardCharsets.US_ASCII);
        int appOption = 4 + pad(app.length);
        int shbLength = 24 + appOption + 4 + 4;
        ByteBuffer shb = ByteBuffer.allocate(shbLength).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(CaptureFormat.SHB).putInt(shbLength).putInt(CaptureFormat.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        shb.putShort((short) 4).putShort((short) app.length).put(app).put(PADDING, 0, pad(app.length) - app.length);
        shb.putInt(0).putInt(shbLength);
        int idbLength = 16 + 8 + 4 + 4;
        ByteBuffer idb = ByteBuffer.allocate(idbLength).order(ByteOrder.LITTLE_ENDIAN);
        idb.putInt(PcapngReader.IDB).putInt(idbLength).putShort((short) linkType).putShort((short) 0).putInt(SNAP_LENGTH);
        idb.putShort((short) 9).putShort((short) 1).put((byte) resolution.exponent()).put(PADDING, 0, 3);
        idb.putInt(0).putInt(idbLength);
        this.out.write(shb.array());
        this.out.write(idb.array());
    }

    @Override
    public void write(Instant at, byte[] data, int off, int len) throws IOException {
        int length = 32 + pad(len);
        long units = resolution.units(at);
        head.clear();
        head.putInt(PcapngReader.EPB).putInt(length).putInt(0).putInt((int) (units >>> 32)).putInt((int) units).putInt(len).putInt(len);
        out.write(head.array(), 0, 28);
        out.write(data, off, len);
        out.write(PADDING, 0, pad(len) - len);
        head.clear();
        head.putInt(length);
        out.write(head.array(), 0, 4);
    }


    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
