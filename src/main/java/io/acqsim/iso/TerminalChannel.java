package io.acqsim.iso;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.BitSet;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOField;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOFilter.VetoException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;
import org.jpos.util.LogEvent;
import org.jpos.util.Logger;
import org.jpos.util.NameRegistrar;

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
 * <p>
 * With the property {@code clock} naming a {@link Clock} registered in jPOS's NameRegistrar, every
 * {@code receive} and {@code send} log event of a message also carries the clock's instant as a
 * {@link SimulatedAt} element, so the message log tells simulated time as well as wall time. The clock is
 * looked up once, when Q2 configures the channel (the host registers it before it starts Q2; the
 * connections' channels are clones and share it); without the property or the registration, and in
 * client channels, nothing is added.
 * <p>
 * Each {@link TerminalMessage} received is stamped with {@link System#nanoTime()} once unpacked
 * ({@link TerminalMessage#receivedNanos()}): the host's request duration starts there.
 */
public class TerminalChannel extends NACChannel {
    private volatile boolean keepOpenWhenIdle;
    private Clock clock;

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
        String name = cfg.get("clock", "");
        clock = !name.isBlank() && NameRegistrar.getIfExists(name) instanceof Clock c ? c : null;
    }

    @Override
    protected ISOMsg applyIncomingFilters(ISOMsg m, byte[] header, byte[] image, LogEvent evt) throws VetoException {
        if (m instanceof TerminalMessage tm) tm.receivedNanos(System.nanoTime());
        addSimulatedTime(evt);
        return super.applyIncomingFilters(m, header, image, evt);
    }

    @Override
    protected ISOMsg applyOutgoingFilters(ISOMsg m, LogEvent evt) throws VetoException {
        addSimulatedTime(evt);
        return super.applyOutgoingFilters(m, evt);
    }

    private void addSimulatedTime(LogEvent evt) {
        Clock c = clock;
        if (c != null && evt != null) evt.addMessage(new SimulatedAt(c.instant(), c.getZone()));
    }

    @Override
    protected ISOMsg createMsg() {
        return new TerminalMessage();
    }

    @Override
    protected void unpack(ISOMsg m, byte[] b) throws ISOException {
        try {
            super.unpack(m, b);
            if (!isFourDigits(m.getMTI())) {
                throw new ISOException("MTI '" + m.getMTI() + "' is not four digits");
            }
            if (m instanceof TerminalMessage tm) tm.raw(b);
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
                    .add("raw (masked): " + Masking.rawFrame(b, getPackager())));
        }
    }

    /**
     * From now on the connection is never closed for being idle: a read timeout already under way is
     * waited out, and no new one is set. The fault layer's blackhole (a half-open peer never closes).
     */
    public void keepOpenWhenIdle() throws SocketException {
        keepOpenWhenIdle = true;
        setTimeout(0);
    }

    /**
     * Reads the next frame's length. On a TLS port the first read runs the handshake: a client that
     * fails it (a plain TCP client, one that does not trust the host's certificate) is logged as
     * {@code tls-failed} with the reason, and its session ends as if it had closed the connection.
     */
    @Override
    protected int getMessageLength() throws IOException, ISOException {
        while (true) {
            try {
                return super.getMessageLength();
            } catch (SocketTimeoutException e) {
                if (!keepOpenWhenIdle) throw e;
            } catch (SSLException e) {
                Logger.log(new LogEvent(this, "tls-failed").add("TLS with " + (getSocket() == null ? "?" : getSocket().getRemoteSocketAddress())
                        + " failed: " + e.getMessage() + " (a plain TCP client on a TLS port, or a client that does not trust the host's certificate)"));
                throw new EOFException("TLS failed: " + e.getMessage());
            }
        }
    }

    /** Uses a connection opened elsewhere (a TLS one, from io.acqsim.tls.Connector) as this client channel's. */
    @Override
    public void connect(Socket socket) throws IOException {
        super.connect(socket);
    }

    /**
     * The bytes {@link #send(ISOMsg)} would write for {@code m} (length, header, packed message, trailer),
     * with the packed message first passed through {@code body}. The fault layer sends such a frame,
     * corrupted or cut, with {@link #send(byte[])}. The frame is written by the channel's own framing
     * methods into a buffer (under the output lock, so no concurrent send sees the buffer), so it cannot
     * drift from what {@code send} writes. The length prefix counts the transformed body.
     */
    public byte[] frame(ISOMsg m, UnaryOperator<byte[]> body) throws IOException, ISOException {
        m.setDirection(ISOMsg.OUTGOING);
        m.setPackager(getDynamicPackager(m));
        byte[] b = body.apply(pack(m));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(b.length + 16);
        serverOutLock.lock();
        DataOutputStream live = serverOut;
        try {
            serverOut = new DataOutputStream(buffer);
            sendMessageLength(b.length + getHeaderLength(m));
            sendMessageHeader(m, b.length);
            sendMessage(b, 0, b.length);
            sendMessageTrailer(m, b);
            serverOut.flush();
        } finally {
            serverOut = live;
            serverOutLock.unlock();
        }
        return buffer.toByteArray();
    }

    /**
     * A copy of packed message {@code b} with every bit of its MTI ({@code target} "mti") or of its primary
     * bitmap ("bitmap") inverted: on either profile the peer can no longer read the MTI, or the bitmap is
     * not the one sent (iso87a: no longer hex; cup: fields announced that are not there).
     */
    public byte[] corrupt(byte[] b, String target) throws ISOException {
        if (!(getPackager() instanceof ISOBasePackager bp)) throw new ISOException("packager is not an ISOBasePackager");
        int mtiLength = bp.getFieldPackager(0).pack(new ISOField(0, "0000")).length;
        int from = "mti".equals(target) ? 0 : mtiLength;
        int length = "mti".equals(target) ? mtiLength : primaryBitmapLength(bp);
        byte[] out = b.clone();
        for (int i = from; i < Math.min(out.length, from + length); i++) out[i] ^= (byte) 0xFF;
        return out;
    }

    private static int primaryBitmapLength(ISOBasePackager bp) throws ISOException {
        BitSet primary = new BitSet();
        primary.set(2);
        return bp.getFieldPackager(1).pack(new ISOBitMap(1, primary)).length;
    }

    /** The MTI if the first field decodes to four digits, else null. */
    private String readableMti(byte[] b) {
        try {
            if (!(getPackager() instanceof ISOBasePackager bp)) return null;
            ISOFieldPackager fp = bp.getFieldPackager(0);
            ISOComponent c = fp.createComponent(0);
            fp.unpack(c, b, 0);
            String mti = (String) c.getValue();
            return isFourDigits(mti) ? mti : null;
        } catch (ISOException | RuntimeException e) {
            return null;
        }
    }

    /** An MTI as it must be: four ASCII digits (checked on every frame, so without a regular expression). */
    static boolean isFourDigits(String mti) {
        if (mti == null || mti.length() != 4) return false;
        for (int i = 0; i < 4; i++) {
            char c = mti.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
